namespace Relief.Workflows.Hierarchy;

/// <summary>The result of an import: how many units were added, renamed or already as the file says.</summary>
public sealed record HierarchyImportReport(int Added, int Renamed, int Unchanged, int Updated = 0);

/// <summary>A hierarchy file that was refused as a whole; nothing of it was stored.</summary>
public sealed class HierarchyFileRejectedException(IReadOnlyList<HierarchyFileError> errors)
    : Exception("The hierarchy file was refused; nothing was imported:" + Environment.NewLine +
                string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<HierarchyFileError> Errors { get; } = errors;
}

/// <summary>
/// Loads a hierarchy file into the org-unit grains. Every rule is checked before the first write, so a
/// bad file changes nothing; units are written top-down, level by level, so a parent always exists
/// before its children point at it. Importing the same file again writes nothing.
/// </summary>
public sealed class HierarchyImporter(IGrainFactory grains)
{
    private const int MaxConcurrentRegistrations = 64;

    public async Task<HierarchyImportReport> Import(byte[] file, CancellationToken cancellationToken = default)
    {
        var (rows, fileErrors) = HierarchyFile.Read(file);
        var errors = fileErrors.Concat(await UnknownParents(rows)).ToList();
        if (errors.Count == 0)
        {
            // Only checked on an otherwise clean file: a child refused for its own fault would make its parent look bare.
            errors.AddRange(await NonBranchLeaves(rows));
        }
        if (errors.Count > 0)
        {
            throw new HierarchyFileRejectedException(errors.OrderBy(e => e.Line).ToList());
        }
        return await Apply(rows, cancellationToken);
    }

    private async Task<IEnumerable<HierarchyFileError>> UnknownParents(IReadOnlyList<HierarchyRow> rows)
    {
        var inFile = rows.Select(r => r.Code).ToHashSet();
        var outside = rows.Where(r => r.Parent is { } p && !inFile.Contains(p)).GroupBy(r => r.Parent!.Value);
        var errors = new List<HierarchyFileError>();
        foreach (var group in outside)
        {
            if (await grains.GetGrain<IOrgUnitGrain>(group.Key.Value).Describe() is null)
            {
                errors.AddRange(group.Select(r => new HierarchyFileError(r.Line,
                    $"unknown parent {group.Key}: it is neither in this file nor already imported")));
            }
        }
        return errors;
    }

    /// <summary>Only branches may be at the bottom: a national, provincial, city or district unit needs a unit below it.</summary>
    private async Task<IEnumerable<HierarchyFileError>> NonBranchLeaves(IReadOnlyList<HierarchyRow> rows)
    {
        var parentsInFile = rows.Where(r => r.Parent is not null).Select(r => r.Parent!.Value).ToHashSet();
        var errors = new List<HierarchyFileError>();
        foreach (var row in rows.Where(r => r.Code.Level != OrgLevel.Branch && !parentsInFile.Contains(r.Code)))
        {
            var stored = await grains.GetGrain<IOrgUnitGrain>(row.Code.Value).Describe();
            if (stored is null || stored.Children.Count == 0)
            {
                errors.Add(new HierarchyFileError(row.Line,
                    $"{row.Code} is a {row.Code.Level} unit with nothing below it: only branches may be at the bottom of the hierarchy (add the units below it)"));
            }
        }
        return errors;
    }

    private async Task<HierarchyImportReport> Apply(IReadOnlyList<HierarchyRow> rows, CancellationToken cancellationToken)
    {
        var outcomes = new List<RegistrationOutcome>(rows.Count);
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentRegistrations, CancellationToken = cancellationToken };
        foreach (var level in rows.GroupBy(r => r.Code.Level).OrderBy(g => g.Key))
        {
            var levelOutcomes = new RegistrationOutcome[level.Count()];
            await Parallel.ForEachAsync(level.Select((row, i) => (row, i)), options, async (item, _) =>
            {
                var grain = grains.GetGrain<IOrgUnitGrain>(item.row.Code.Value);
                var outcome = await grain.Register(item.row.Name);
                // A file without members leaves the counts stored as they are.
                var counted = item.row.Members is { } members && await grain.SetMembers(members);
                levelOutcomes[item.i] = outcome == RegistrationOutcome.Unchanged && counted ? RegistrationOutcome.Updated : outcome;
            });
            outcomes.AddRange(levelOutcomes);

            var byParent = level.Where(r => r.Parent is not null).GroupBy(r => r.Parent!.Value);
            await Parallel.ForEachAsync(byParent, options, async (children, _) =>
                await grains.GetGrain<IOrgUnitGrain>(children.Key.Value).RecordChildren(
                    children.Select(c => new OrgUnitSummary(c.Code.Value, c.Name, c.Code.Level)).ToList()));
        }
        return new HierarchyImportReport(
            outcomes.Count(o => o == RegistrationOutcome.Added),
            outcomes.Count(o => o == RegistrationOutcome.Renamed),
            outcomes.Count(o => o == RegistrationOutcome.Unchanged),
            outcomes.Count(o => o == RegistrationOutcome.Updated));
    }
}
