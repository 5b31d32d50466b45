using Microsoft.AspNetCore.Http;
using Relief.Api.Common;
using Relief.Workflows;
using Relief.Workflows.Cases;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Engine.Simulation;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Notices;
using Relief.Workflows.Programmes;

namespace Relief.Api.Programmes;

/// <summary>
/// "Try a case" (<c>POST /api/programmes/{id}/workflow/simulate</c>): a version of the programme's workflow run on an
/// application and a script by the engine's own core, on the holiday calendar in force, writing nothing. Where
/// the case would act is worked out from the branch given; the money is the amount the programme would grant.
/// </summary>
public static class WorkflowSimulationEndpoint
{
    public static async Task<IResult> Simulate(Guid id, SimulationRequest? request, IGrainFactory grains, CurrentHolidayCalendar calendars, ReliefClock clock)
    {
        if (request is null)
        {
            return CommandResults.Invalid(new() { ["body"] = ["send the application and the script as JSON"] });
        }
        var programme = grains.GetGrain<IProgrammeGrain>(id);
        if (await programme.Describe() is not { } described)
        {
            return CommandResults.Problem(StatusCodes.Status404NotFound, "Programme not found", $"No programme has the id {id}.");
        }
        if (request.Version is < 1)
        {
            return CommandResults.Invalid(new() { ["version"] = ["versions start at 1"] });
        }
        if (await programme.Workflow(request.Version) is not { } workflow)
        {
            return CommandResults.Problem(StatusCodes.Status404NotFound, "Approval route not found",
                request.Version is null ? $"Programme {id} has no approval route yet." : $"Programme {id} has no route version {request.Version}.");
        }
        var runtime = CaseWorkflows.Runtime(workflow);
        var errors = new FieldErrors();
        var application = ReadApplication(request.Application, errors);
        var nodes = runtime.Definition.Nodes.Keys.ToHashSet(StringComparer.Ordinal);
        var script = (request.Script ?? []).Select((step, i) => step is null ? null : step.ToStep(i, nodes, errors)).ToList();
        if (script.Count > SimulationRequest.MaxScriptSteps)
        {
            errors.Add("script", $"a script has at most {SimulationRequest.MaxScriptSteps} lines");
        }
        foreach (var i in script.Select((step, i) => (step, i)).Where(s => s.step is null).Select(s => s.i))
        {
            errors.Add($"script[{i}]", "a script line names a node and an outcome");
        }
        if (application is not null && !errors.Any && !await grains.GetGrain<IOrgUnitGrain>(application.BranchCode).Exists())
        {
            errors.Add("application.branchCode", $"no unit has the code {application.BranchCode}");
        }
        var (amount, termProblems) = application is null || errors.Any ? (default, [])
            : CaseApplicationCheck.CheckTerms(application.Category, application.MonthlyIncomePerHead, application.BranchCode, application.Amount, described.Terms,
                field => $"application.{field}");
        foreach (var problem in termProblems)
        {
            errors.Add(problem.Field, problem.Reason);
        }
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        var filedAt = request.FiledAt ?? clock.GetUtcNow();
        var run = new WorkflowSimulator(runtime, calendars.Calendar).Run(
            CaseVariables.Of(application!.Category, application.HouseholdSize, application.MonthlyIncomePerHead, application.BranchCode, amount),
            [.. script!], filedAt);
        return TypedResults.Ok(await SimulationResponse.Of(workflow.Version, amount, application.BranchCode, run, runtime, grains));
    }

    private static SimulatedApplication? ReadApplication(SimulatedApplicationRequest? application, FieldErrors errors)
    {
        if (application is null)
        {
            errors.Add("application", "the field is missing");
            return null;
        }
        var category = errors.Text("application.category", application.Category, 50);
        var amount = application.Amount is null ? (Relief.Workflows.Funds.Money?)null : errors.Amount("application.amount", application.Amount);
        var householdSize = errors.Required("application.householdSize", application.HouseholdSize);
        if (application.HouseholdSize is < 1 or > CaseApplicationCheck.MaxHouseholdSize)
        {
            errors.Add("application.householdSize", $"a household has 1 to {CaseApplicationCheck.MaxHouseholdSize} people");
        }
        var income = errors.Amount("application.monthlyIncomePerHead", application.MonthlyIncomePerHead, allowZero: true);
        var branch = errors.Text("application.branchCode", application.BranchCode, 40);
        if (branch.Length > 0)
        {
            if (!OrgCode.TryParse(branch, out var code, out var reason))
            {
                errors.Add("application.branchCode", reason);
            }
            else if (code.Level != OrgLevel.Branch)
            {
                errors.Add("application.branchCode", $"{branch} is a {code.Level} unit; a case is filed at a branch");
            }
        }
        return new SimulatedApplication(category, amount, householdSize, income, branch);
    }
}
