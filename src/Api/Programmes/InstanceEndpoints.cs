using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Relief.Api.Acting;
using Relief.Api.Common;
using Relief.Workflows;
using Relief.Workflows.Cases;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Programmes;
using Relief.Workflows.Queues;

namespace Relief.Api.Programmes;

/// <summary>
/// The running workflows, for ops and the administrator (issue 15): a programme's cases found by node, status,
/// subtree, version, deadline and incident (<c>GET /api/programmes/{id}/instances</c>), and one case as an instance
/// (<c>GET /api/cases/{id}/instance</c>). Ops read their own subtree; nobody else reads these.
/// </summary>
public static class InstanceEndpoints
{
    public static RouteGroupBuilder MapInstanceEndpoints(this RouteGroupBuilder programmes)
    {
        programmes.MapGet("/{id:guid}/instances", Find).ReadsInstances()
            .WithSummary("A programme's cases by node, status, unit subtree (unit=), workflow version, overdue=true, incident=true, running=true; a page at a time.");
        return programmes;
    }

    public static RouteGroupBuilder MapCaseInstanceEndpoints(this RouteGroupBuilder cases)
    {
        cases.MapGet("/{id:guid}/instance", Instance).ActsOnCase(ReliefRole.Ops, ReliefRole.Admin)
            .WithSummary("A case as a workflow instance: tokens, what it waits for, variables, pending effects, incidents, each step's trace id.");
        return cases;
    }

    private static async Task<IResult> Find(Guid id, string? node, string? status, string? unit, int? version, bool? overdue, bool? incident, bool? running,
        int? offset, int? limit, HttpContext http, IGrainFactory grains, ICaseInstances instances, ReliefClock clock)
    {
        var errors = new Dictionary<string, string[]>();
        var page = PageRequest.Read(offset, limit, errors);
        if (status is not null && !Enum.TryParse<CaseStatus>(status, ignoreCase: false, out _))
        {
            errors["status"] = [$"one of {string.Join(", ", Enum.GetNames<CaseStatus>())}"];
        }
        if (version is < 1)
        {
            errors["version"] = ["versions start at 1"];
        }
        if (node is { Length: 0 or > 100 })
        {
            errors["node"] = ["a node id has 1 to 100 characters"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (!await grains.GetGrain<IProgrammeGrain>(id).Exists())
        {
            return CommandResults.Problem(StatusCodes.Status404NotFound, "Programme not found", $"No programme has the id {id}.");
        }
        // The access filter has checked that the unit asked for is in the user's subtree; none asked: the user's own.
        var subtree = unit ?? http.User().Unit.Value;
        var now = clock.GetUtcNow();
        var found = await instances.Find(new InstanceQuery(id, node, status, subtree == OrgCode.NationalCode ? null : subtree, version,
            overdue == true, incident == true, now, page.Offset, page.Limit, running == true), http.RequestAborted);
        var names = await UnitNames.Of(grains, found.Items.Select(i => i.BranchCode));
        return TypedResults.Ok(new Page<object>([.. found.Items.Select(i => (object)new
        {
            caseId = i.CaseId,
            branchCode = i.BranchCode,
            branchName = names.GetValueOrDefault(i.BranchCode),
            status = i.Status,
            version = i.DefinitionVersion,
            waitingAt = i.WaitingNodes,
            dueAt = i.DueAt,
            overdue = i.DueAt <= now,
            openIncidents = i.OpenIncidents,
            pendingEffects = i.PendingEffects,
            filedAt = i.FiledAt,
        })], found.Total, page.Offset, page.Limit));
    }

    private static async Task<IResult> Instance(Guid id, IGrainFactory grains) =>
        await grains.GetGrain<ICaseGrain>(id).Instance() is { } instance
            ? TypedResults.Ok(instance)
            : CommandResults.Problem(StatusCodes.Status404NotFound, "Case not found", $"No case has the id {id}.");
}
