using Relief.Workflows.Common;
using Relief.Workflows.Engine.Runtime;

namespace Relief.Workflows.Cases;

/// <summary>A spot check's veto (否决) of an approved case.</summary>
public sealed partial class CaseGrain
{
    public async Task<(CommandResult Result, bool RecoveryDue)> Veto(Guid spotCheckId, string auditingUnit, string reason, Actor actor)
    {
        if (State.Application is null)
        {
            return (CommandResult.NotFound($"No case has the id {Id}."), false);
        }
        switch (State.Status)
        {
            case CaseStatus.Paid:
                // The money is with the household: the case stays paid and is flagged for the finance staff to recover.
                if (State.Recovery is null)
                {
                    State.Recovery = new RecoveryFlag(clock.GetUtcNow(), actor.ToString(), reason, spotCheckId);
                    State.Journal.Add(Entry(actor, auditingUnit, "spot-check-veto", "paid", "paid, to be recovered", $"spot check {spotCheckId}: {reason}"));
                    State.Version++;
                    await WriteCase();
                }
                return (CommandResult.Done, true);
            case CaseStatus.Approved or CaseStatus.Noticed or CaseStatus.Suspended or CaseStatus.Payable:
                // The workflow ends rejected wherever it stands: its places and its money go back, an unpublished notice line is withdrawn.
                var vetoed = await Step(new Cancelled(actor, $"spot check {spotCheckId}: {reason}"), actor,
                    new StepNote("spot-check-veto", auditingUnit));
                return (vetoed, false);
            default:
                return (CommandResult.Conflict($"Case {Id} is {State.Status}: only an approved case can be vetoed."), false);
        }
    }
}
