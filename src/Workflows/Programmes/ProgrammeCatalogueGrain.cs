using Relief.Workflows.Common;
namespace Relief.Workflows.Programmes;

/// <summary>One line of the programme catalogue: what the pages offer to choose from.</summary>
[GenerateSerializer, Immutable, Alias("Relief.ProgrammeEntry")]
public sealed record ProgrammeEntry(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] ProgrammeStatus Status,
    [property: Id(3)] DateOnly Opens);

/// <summary>Every programme, newest first (a handful a year): written by the programme grains as they change.</summary>
[Alias("Relief.IProgrammeCatalogueGrain")]
public interface IProgrammeCatalogueGrain : IGrainWithStringKey
{
    public const string Key = "programme-catalogue";

    [Alias("Upsert")]
    Task Upsert(ProgrammeEntry entry);

    [Alias("List")]
    Task<IReadOnlyList<ProgrammeEntry>> List();
}

[GenerateSerializer, Alias("Relief.ProgrammeCatalogueState")]
public sealed class ProgrammeCatalogueState
{
    [Id(0)] public Dictionary<Guid, ProgrammeEntry> Entries { get; set; } = [];
}

public sealed class ProgrammeCatalogueGrain(
    [PersistentState("programme-catalogue", StorageNames.Relief)] IPersistentState<ProgrammeCatalogueState> catalogue) : Grain, IProgrammeCatalogueGrain
{
    public async Task Upsert(ProgrammeEntry entry)
    {
        if (catalogue.State.Entries.TryGetValue(entry.Id, out var known) && known == entry)
        {
            return;
        }
        catalogue.State.Entries[entry.Id] = entry;
        await catalogue.WriteOrDeactivate(DeactivateOnIdle);
    }

    public Task<IReadOnlyList<ProgrammeEntry>> List() => Task.FromResult<IReadOnlyList<ProgrammeEntry>>(
        [.. catalogue.State.Entries.Values.OrderByDescending(e => e.Opens).ThenBy(e => e.Name, StringComparer.Ordinal)]);
}
