using System.Globalization;
using Relief.Workflows.Cases;
using Relief.Workflows.Common;

namespace Relief.Workflows.SpotChecks;

/// <summary>
/// One spot check: the sample as drawn, then one finding per sampled case by the drawing level's auditors. A
/// veto is carried out by the case (rejected with its money and quota place released, or flagged for recovery
/// when already paid) before the finding is written, so a recorded veto always took effect.
/// </summary>
public sealed class SpotCheckGrain(
    [PersistentState("spot-check", StorageNames.Relief)] IPersistentState<SpotCheckState> check,
    ReliefClock clock) : Grain, ISpotCheckGrain
{
    private SpotCheckState State => check.State;

    public async Task Start(SpotCheckDrawing drawing)
    {
        if (State.Drawing is not null)
        {
            return;
        }
        State.Drawing = drawing;
        State.Lines = drawing.Sample.Select(c => new SpotCheckLine(c.CaseId, c.SubUnit, null, null, null, false)).ToList();
        State.Journal.Add(new SpotCheckJournalEntry(drawing.DrawnAt, drawing.DrawnBy.ToString(), "draw", null, string.Create(CultureInfo.InvariantCulture,
            $"{drawing.Percent}% of {drawing.Population} approved cases under {drawing.Unit}, seed {drawing.Seed}: {drawing.Sample.Count} drawn")));
        await check.WriteOrDeactivate(DeactivateOnIdle);
    }

    public Task<SpotCheckView?> Describe() => Task.FromResult(State.Drawing is { } d
        ? new SpotCheckView(this.GetPrimaryKey(), d.ProgrammeId, d.Unit, d.Percent, d.Seed, d.Population, State.Lines, State.Journal)
        : null);

    public async Task<CommandResult> RecordFinding(Guid caseId, SpotCheckVerdict verdict, string note, Actor actor)
    {
        if (State.Drawing is not { } drawing)
        {
            return CommandResult.NotFound($"No spot check has the id {this.GetPrimaryKey()}.");
        }
        if (actor.UnitCode != drawing.Unit)
        {
            return CommandResult.Forbidden($"Findings of this spot check are recorded by the auditors of {drawing.Unit}.");
        }
        var index = State.Lines.FindIndex(l => l.CaseId == caseId);
        if (index < 0)
        {
            return CommandResult.Invalid("caseId", "the case is not in this sample");
        }
        if (State.Lines[index].Verdict is { } found)
        {
            return found == verdict
                ? CommandResult.Done // the same finding again: an idempotent retry
                : CommandResult.Conflict($"The finding on case {caseId} is already recorded ({found}).");
        }
        var recoveryDue = false;
        if (verdict == SpotCheckVerdict.Vetoed)
        {
            var vetoed = await GrainFactory.GetGrain<ICaseGrain>(caseId).Veto(this.GetPrimaryKey(), drawing.Unit, note, actor);
            if (!vetoed.Result.Succeeded)
            {
                return vetoed.Result;
            }
            recoveryDue = vetoed.RecoveryDue;
        }
        State.Lines[index] = State.Lines[index] with { Verdict = verdict, Note = note, FoundBy = actor.ToString(), RecoveryDue = recoveryDue };
        State.Journal.Add(new SpotCheckJournalEntry(clock.GetUtcNow(), actor.ToString(), verdict == SpotCheckVerdict.Vetoed ? "veto" : "confirm",
            caseId, recoveryDue ? $"{note} (already paid: flagged for recovery)" : note));
        await check.WriteOrDeactivate(DeactivateOnIdle);
        return CommandResult.Done;
    }
}
