using Relief.Workflows.Applicants;
using Relief.Workflows.Common;
using Relief.Workflows.Engine.Expressions;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Queues;
using Relief.Workflows.Telemetry;

namespace Relief.Workflows.Cases;

/// <summary>
/// One case, and the instance of the workflow it runs (ADR 15): single activation makes it the unit of
/// consistency. Each step asks the engine's pure core what happens (<see cref="WorkflowRuntime"/>), carries out
/// the effects that may refuse the step, records the step, then carries out the rest (ADR 17).
/// </summary>
public sealed partial class CaseGrain(
    [PersistentState("case", StorageNames.Cases)] IPersistentState<CaseState> @case,
    Engine.Timers.IWakeups wakeups,
    IActivityLog activity,
    ApplicantIdentity identity,
    Notices.CurrentHolidayCalendar calendars,
    ReliefClock clock) : Grain, ICaseGrain
{
    private CaseState State => @case.State;

    private Guid Id => this.GetPrimaryKey();

    public async Task<CommandResult> File(CaseApplication application, Actor actor)
    {
        using var span = ReliefTelemetry.StartStep("file", application.ProgrammeId, Id, application.BranchCode, nameof(OrgLevel.Branch));
        if (State.Application is { } filed)
        {
            return filed.SameAs(application) ? CommandResult.Done : CommandResult.Conflict($"Case {Id} already exists.");
        }
        if (await Checked(application, actor) is not { } checkedCase)
        {
            return _refusal!;
        }
        var claim = await GrainFactory.GetGrain<IApplicantClaimGrain>(
            identity.ClaimKey(application.ProgrammeId, application.Applicant.IdNumber)).Claim(Id, application.BranchCode);
        if (!claim.Granted)
        {
            return CommandResult.Conflict(
                $"This person already has a case in the programme: case {claim.ExistingCaseId} at branch {claim.ExistingBranch}.") with
            {
                Details = new Dictionary<string, string>
                {
                    ["existingCaseId"] = claim.ExistingCaseId.ToString()!,
                    ["existingBranch"] = claim.ExistingBranch!,
                },
            };
        }
        State.Application = application;
        State.Amount = checkedCase.Amount;
        State.Goods = checkedCase.Goods;
        State.GoodsFromStock = checkedCase.FromStock;
        State.DefinitionVersion = checkedCase.Workflow.Version;
        State.Instance = InstanceState.New(checkedCase.Workflow.Version);
        _runtime = CaseWorkflows.Runtime(checkedCase.Workflow);
        var started = await Step(new Started(actor, CaseVariables.Of(application, checkedCase.Amount)), actor, new StepNote("file", application.BranchCode));
        if (!started.Succeeded)
        {
            // Nothing was written: the case stays unfiled (and the claim, held by a case that is not live, lapses).
            @case.State = new CaseState();
            return started;
        }
        ReliefTelemetry.CasesFiled.Add(1, new KeyValuePair<string, object?>(ReliefTelemetry.Programme, application.ProgrammeId.ToString()));
        await CountActivity(() => activity.Filed(application.ProgrammeId, application.BranchCode, clock.GetUtcNow()));
        return CommandResult.Done;
    }

    public async Task<CommandResult> Amend(CaseApplication application, Actor actor)
    {
        if (State.Application is not { } filed)
        {
            return CommandResult.NotFound($"No case has the id {Id}.");
        }
        if (AmendmentTask() is not { } amendment)
        {
            return CommandResult.Conflict($"Only a returned case can be amended; case {Id} is {State.Status}.");
        }
        if (application.Applicant.IdNumber != filed.Applicant.IdNumber || application.ProgrammeId != filed.ProgrammeId
            || application.BranchCode != filed.BranchCode)
        {
            return CommandResult.Invalid("applicant.idNumber",
                "a case keeps its applicant, programme and branch; reject it and file a new case for another person");
        }
        if (await Checked(application, actor, State.DefinitionVersion) is not { } checkedCase)
        {
            return _refusal!;
        }
        var before = (State.Application, State.Amount, State.Goods);
        State.Application = application;
        State.Amount = checkedCase.Amount;
        State.Goods = checkedCase.Goods;
        var amended = await Step(new Completed(actor, amendment.Id, "resubmit", CaseVariables.Of(application, checkedCase.Amount)), actor, new StepNote("amend", application.BranchCode));
        if (!amended.Succeeded)
        {
            (State.Application, State.Amount, State.Goods) = before;
        }
        return amended;
    }

    /// <summary>The ops page's per-province counts are statistics: a failure to count never fails the step it counts.</summary>
    private static async Task CountActivity(Func<Task> count)
    {
        try
        {
            await count();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ReliefTelemetry.SurvivedFailure("activity count failed", ex.Message);
        }
    }

    /// <summary>A case holds its applicant until it is rejected; a closed case was dealt with and keeps them too.</summary>
    public Task<bool> IsLive() => Task.FromResult(State.Application is not null && State.Status != CaseStatus.Rejected);
}
