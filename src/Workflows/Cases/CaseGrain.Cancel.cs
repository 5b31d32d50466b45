using Relief.Workflows.Common;
using Relief.Workflows.Engine.Runtime;

namespace Relief.Workflows.Cases;

/// <summary>A running case cancelled by the national administrator: the engine's cancellation, journalled with who and why.</summary>
public sealed partial class CaseGrain
{
    public async Task<CommandResult> Cancel(string reason, Actor actor)
    {
        if (State.Application is null)
        {
            return CommandResult.NotFound($"No case has the id {Id}.");
        }
        if (State.Status is CaseStatus.Paid or CaseStatus.Rejected or CaseStatus.Closed)
        {
            return CommandResult.Conflict($"Case {Id} is {State.Status}: only a running case can be cancelled.");
        }
        // The places and the money go back through the intents the engine's end asks for (ADR 17), as a veto's do.
        return await Step(new Cancelled(actor, reason), actor, new StepNote("cancel", actor.UnitCode));
    }
}
