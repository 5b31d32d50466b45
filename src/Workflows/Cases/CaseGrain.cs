using Relief.Workflows.Applicants;
using Relief.Workflows.Common;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Programmes;
using Relief.Workflows.Queues;
using Relief.Workflows.Quotas;
using Relief.Workflows.Telemetry;

namespace Relief.Workflows.Cases;

/// <summary>
/// Holds one case and carries it up its route. A human step is a bookmark: the case waits at a unit until a
/// decision arrives. The order of writes keeps every other record a superset of the truth: the quota place and
/// the next queue entry are taken before the case's own state is written, the old queue entry removed after.
/// </summary>
public sealed partial class CaseGrain(
    [PersistentState("case", StorageNames.Relief)] IPersistentState<CaseState> @case,
    ICaseQueues queues,
    IActivityLog activity,
    ApplicantIdentity identity,
    Notices.CurrentHolidayCalendar calendars,
    Microsoft.Extensions.Options.IOptions<IncidentOptions> incidents,
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
        State.Journal.Add(Entry(actor, application.BranchCode, "file", "new", Describe(CaseStatus.Waiting, 0, checkedCase.Route), null));
        await Start(checkedCase);
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
        if (State.Status != CaseStatus.Returned)
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
        var before = Describe(State.Status, State.Step, State.Route);
        State.Application = application;
        State.Journal.Add(Entry(actor, application.BranchCode, "amend", before, Describe(CaseStatus.Waiting, 0, checkedCase.Route), null));
        await Start(checkedCase);
        return CommandResult.Done;
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
            ReliefTelemetry.Source.StartActivity("activity count failed")?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message).Dispose();
        }
    }

    public Task<bool> IsLive() => Task.FromResult(State.Application is not null && State.Status != CaseStatus.Rejected);

    /// <summary>Puts the case at the first step of its route and persists it.</summary>
    private async Task Start(CheckedCase checkedCase)
    {
        State.Amount = checkedCase.Amount;
        State.Goods = checkedCase.Goods;
        State.DefinitionVersion = checkedCase.DefinitionVersion;
        State.Route = checkedCase.Route;
        State.Notice = checkedCase.Notice;
        State.Deadlines = checkedCase.Deadlines;
        await MoveTo(CaseStatus.Waiting, 0);
    }
}
