using Relief.Api.Acting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Relief.Api.Common;
using Relief.Workflows;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Queues;

namespace Relief.Api.OrgUnits;

/// <summary>Routes under <c>/api/orgunits</c>: reading the org hierarchy.</summary>
public static class OrgUnitEndpoints
{
    public static RouteGroupBuilder MapOrgUnitEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/{code}", GetOrgUnit).ReadsUnitOrAncestor()
            .WithName("GetOrgUnit")
            .WithSummary("One org unit with its level, parent and (a page of) its children.");
        group.MapGet("/{code}/queue", GetQueue).ReadsUnit().ForExistingProgramme("programme").ForExistingUnit()
            .WithSummary("The cases waiting at a unit in a programme, oldest first, overdue ones marked; filter by category, branch, overdue.");
        group.MapGet("/{code}/escalations", GetEscalations).ReadsUnit().ForExistingProgramme("programme").ForExistingUnit()
            .WithSummary("Cases waiting at the unit's sub-units more than twice their step's service deadline.");
        return group;
    }

    // As long as a programme's category codes may be.
    private const int MaxCategoryLength = 50;

    private static async Task<IResult> GetQueue(
        string code, Guid? programme, string? category, string? branch, string? waitingFor, bool? overdue, int? offset, int? limit,
        ICaseQueues queues, ReliefClock clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!OrgCode.TryParse(code, out var unit, out var codeProblem))
        {
            errors["code"] = [codeProblem];
        }
        if (programme is null)
        {
            errors["programme"] = ["name the programme (?programme=…)"];
        }
        if (branch is not null && (!OrgCode.TryParse(branch, out var branchCode, out _) || branchCode.Level != OrgLevel.Branch))
        {
            errors["branch"] = ["a branch code, e.g. CN-44-03-05-0001"];
        }
        else if (branch is not null && errors.Count == 0 && !branch.StartsWith(unit.Value + "-", StringComparison.Ordinal))
        {
            errors["branch"] = [$"{branch} is not below {unit.Value}"];
        }
        if (category is { Length: > MaxCategoryLength })
        {
            errors["category"] = [$"at most {MaxCategoryLength} characters"];
        }
        var kind = WaitingFor.Decision;
        if (waitingFor is not null && !EnumNames.TryParse(waitingFor, out kind))
        {
            errors["waitingFor"] = [EnumNames.Expected<WaitingFor>()];
        }
        var page = PageRequest.Read(offset, limit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var now = clock.GetUtcNow();
        var result = await queues.Read(
            new QueueQuery(programme!.Value, unit.Value, kind, category, branch, page.Offset, page.Limit, overdue == true ? now : null),
            cancellationToken);
        return TypedResults.Ok(new Page<QueueLine>(result.Items.Select(e => QueueLine.From(e, now)).ToList(), result.Total, page.Offset, page.Limit));
    }

    private static async Task<IResult> GetEscalations(
        string code, Guid? programme, int? offset, int? limit, ICaseQueues queues, ReliefClock clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!OrgCode.TryParse(code, out var unit, out var codeProblem))
        {
            errors["code"] = [codeProblem];
        }
        if (programme is null)
        {
            errors["programme"] = ["name the programme (?programme=…)"];
        }
        var page = PageRequest.Read(offset, limit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var now = clock.GetUtcNow();
        var result = await queues.ReadEscalations(new EscalationQuery(programme!.Value, unit.Value, now, page.Offset, page.Limit), cancellationToken);
        return TypedResults.Ok(new Page<QueueLine>(result.Items.Select(e => QueueLine.From(e, now)).ToList(), result.Total, page.Offset, page.Limit));
    }

    private static async Task<Results<Ok<OrgUnitResponse>, ProblemHttpResult, ValidationProblem>> GetOrgUnit(
        string code, int? childrenOffset, int? childrenLimit, HttpContext http, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        if (!OrgCode.TryParse(code, out var orgCode, out var codeProblem))
        {
            errors["code"] = [codeProblem];
        }
        var page = PageRequest.Read(childrenOffset, childrenLimit, errors, nameof(childrenOffset), nameof(childrenLimit));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var unit = await grains.GetGrain<IOrgUnitGrain>(orgCode.Value).Describe();
        if (unit is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Org unit not found",
                detail: $"No org unit has the code {orgCode}.");
        }
        var parent = unit.ParentCode is { } parentCode
            ? await grains.GetGrain<IOrgUnitGrain>(parentCode).Describe()
            : null;
        return TypedResults.Ok(new OrgUnitResponse(
            unit.Code,
            unit.Name,
            unit.Level,
            parent is null ? null : new OrgUnitSummary(parent.Code, parent.Name, parent.Level),
            Page.Of(ChildrenShownTo(http.User(), unit), page)));
    }

    /// <summary>All children of a unit in the user's subtree; of a unit above theirs, only the one on their own path.</summary>
    private static IReadOnlyList<OrgUnitSummary> ChildrenShownTo(ReliefUser user, OrgUnitView unit) =>
        user.Sees(unit.Code)
            ? unit.Children
            : [.. unit.Children.Where(child => user.Sees(child.Code) || user.IsBelow(child.Code))];
}
