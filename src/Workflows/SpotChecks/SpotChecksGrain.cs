using System.Security.Cryptography;
using Relief.Workflows.Common;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.SpotChecks;

[GenerateSerializer, Alias("Relief.SpotChecksState")]
public sealed class SpotChecksState
{
    [Id(0)] public List<Guid> Draws { get; set; } = [];
}

/// <summary>
/// Draws a level's spot checks. The population is every case its subtree's branches finally approved and still
/// fund (reserved or paid), each counted under the direct sub-unit it belongs to, so the sample is spread over
/// the sub-units in proportion to what each approved.
/// </summary>
public sealed class SpotChecksGrain(
    [PersistentState("spot-checks", StorageNames.Relief)] IPersistentState<SpotChecksState> register,
    ReliefClock clock) : Grain, ISpotChecksGrain
{
    // Seeds stay below 2^53 so that a browser reading the JSON number sees the same seed.
    private const long SeedLimit = 1L << 53;

    public async Task<(CommandResult Result, Guid? SpotCheckId)> Draw(decimal percent, long? seed, Actor actor)
    {
        var (programmeId, unitCode) = SpotCheckKeys.Parse(this.GetPrimaryKeyString());
        var unit = OrgCode.Parse(unitCode);
        if (actor.UnitCode != unitCode)
        {
            return (CommandResult.Forbidden($"Spot checks of {unitCode} are drawn by its own auditors."), null);
        }
        if (unit.Level.Below() is not { } subUnitLevel)
        {
            return (CommandResult.Invalid("code", "a branch has no sub-units to spot-check"), null);
        }
        if (percent is <= 0 or > 100 || decimal.Round(percent, 2) != percent)
        {
            return (CommandResult.Invalid("percent", "a share above 0 and at most 100, with at most two decimals"), null);
        }
        if (seed is < 0 or >= SeedLimit)
        {
            return (CommandResult.Invalid("seed", $"a whole number from 0 to {SeedLimit - 1}"), null);
        }

        var population = new List<ApprovedCase>();
        await foreach (var branch in OrgSubtree.Walk(GrainFactory, unit))
        {
            if (branch.Level != OrgLevel.Branch)
            {
                continue;
            }
            var subUnit = branch.AncestorAt(subUnitLevel)!.Value.Value;
            foreach (var caseId in await GrainFactory.GetGrain<IAccountGrain>(AccountKeys.For(programmeId, branch.Value)).ApprovedCases())
            {
                population.Add(new ApprovedCase(caseId, subUnit));
            }
        }
        if (population.Count == 0)
        {
            return (CommandResult.Conflict($"No case approved under {unitCode} in this programme yet: nothing to draw from."), null);
        }

        var recordedSeed = seed ?? (BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & (SeedLimit - 1));
        var id = Guid.NewGuid();
        await GrainFactory.GetGrain<ISpotCheckGrain>(id).Start(new SpotCheckDrawing(programmeId, unitCode, percent, recordedSeed,
            population.Count, SpotCheckDraw.Draw(population, percent, recordedSeed), actor, clock.GetUtcNow()));
        register.State.Draws.Add(id);
        await register.WriteOrDeactivate(DeactivateOnIdle);
        return (CommandResult.Done, id);
    }

    public Task<IReadOnlyList<Guid>> List() => Task.FromResult<IReadOnlyList<Guid>>([.. register.State.Draws]);
}
