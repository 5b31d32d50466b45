using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Relief.Workflows.Cases;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Notices;
using Relief.Workflows.SpotChecks;

namespace Relief.Api.Acting;

/// <summary>
/// Who may reach a route, declared where the route is mapped. A user reads only their unit's subtree: anything
/// else is 404, with no hint that it exists. An action also needs the role, and (for unit routes) must be at the
/// user's own unit: on what they can see but may not touch, 403. The grains then hold the rules that need the
/// case's history (maker-checker, the unit where a case waits).
/// </summary>
public static class Access
{
    /// <summary>Any signed-in user (programme terms are national and read by all).</summary>
    public static RouteHandlerBuilder SignedIn(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(ActorResolution.RequireUser);

    /// <summary>A role, at the user's own unit, which the handler acts at (filing at one's branch, decisions in bulk).</summary>
    public static RouteHandlerBuilder ActsAs(this RouteHandlerBuilder endpoint, params ReliefRole[] roles) =>
        endpoint.Scoped(http => Task.FromResult<string?>(http.User().Unit.Value), roles, ownUnitOnly: true);

    /// <summary>A role held at the national unit (programmes, the hierarchy).</summary>
    /// <remarks>Programmes are read by all, so a refusal here is 403, never 404.</remarks>
    public static RouteHandlerBuilder ActsNationally(this RouteHandlerBuilder endpoint, ReliefRole role) =>
        endpoint.AddEndpointFilter(async (invocation, next) =>
        {
            if (invocation.HttpContext.SignedIn() is not { } user)
            {
                return await ActorResolution.RequireUser(invocation, next);
            }
            return user.Unit.Value == OrgCode.NationalCode && user.Holds(role)
                ? await next(invocation)
                : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                    detail: $"This is done by the {role.Name()} of the national unit {OrgCode.NationalCode}.");
        });

    public static RouteHandlerBuilder ReadsUnit(this RouteHandlerBuilder endpoint, string parameter = "code") =>
        endpoint.Scoped(http => Task.FromResult(RouteValue(http, parameter)), roles: null, ownUnitOnly: false, unitParameter: parameter);

    /// <summary>
    /// A unit's own record (name, level, parent): readable in the user's subtree and, going up, at each unit their
    /// unit reports to, so a branch sees which district and city it belongs to. The route shows such a unit's
    /// children only on the user's own path.
    /// </summary>
    public static RouteHandlerBuilder ReadsUnitOrAncestor(this RouteHandlerBuilder endpoint, string parameter = "code") =>
        endpoint.Scoped(http => Task.FromResult(RouteValue(http, parameter)), roles: null, ownUnitOnly: false, unitParameter: parameter, ancestorsToo: true);

    public static RouteHandlerBuilder ActsAtUnit(this RouteHandlerBuilder endpoint, ReliefRole role, string parameter = "code") =>
        endpoint.Scoped(http => Task.FromResult(RouteValue(http, parameter)), [role], ownUnitOnly: true, unitParameter: parameter);

    /// <summary>An act on a unit that its parent performs (setting a child's quota).</summary>
    public static RouteHandlerBuilder ActsAtParentOfUnit(this RouteHandlerBuilder endpoint, ReliefRole role, string parameter = "code") =>
        endpoint.Scoped(http => Task.FromResult(RouteValue(http, parameter) is { } code && OrgCode.TryParse(code, out var unit, out _)
            ? unit.Parent?.Value ?? OrgCode.NationalCode
            : RouteValue(http, parameter)), [role], ownUnitOnly: true, unitParameter: parameter);

    public static RouteHandlerBuilder ReadsCase(this RouteHandlerBuilder endpoint) =>
        endpoint.Scoped(CaseBranch, roles: null, ownUnitOnly: false);

    /// <summary>An act of the case's own branch (amending, paying): a unit above it sees the case but may not do this.</summary>
    public static RouteHandlerBuilder ActsAtCaseBranch(this RouteHandlerBuilder endpoint, ReliefRole role) =>
        endpoint.Scoped(CaseBranch, [role], ownUnitOnly: true);

    /// <summary>
    /// A decision, by the unit where the case waits: another unit that sees the case gets 403. A case that waits
    /// nowhere (approved, rejected) passes on, and the case grain answers 409.
    /// </summary>
    public static RouteHandlerBuilder ActsAtCaseStep(this RouteHandlerBuilder endpoint, ReliefRole role) =>
        endpoint.Scoped(CaseBranch, [role], ownUnitOnly: false, actingUnit: CaseWaitingUnit);

    /// <summary>An act on a case the user can see, at whichever unit (re-running its faulted steps).</summary>
    public static RouteHandlerBuilder ActsOnCase(this RouteHandlerBuilder endpoint, params ReliefRole[] roles) =>
        endpoint.Scoped(CaseBranch, roles, ownUnitOnly: false);

    /// <summary>
    /// A task of a case, by its id: whoever does not see the case's branch gets 404, as for a task that does not
    /// exist; an open task is done at its unit (others 403) by a holder of one of its roles (others 403). A task
    /// done already passes on, and the case grain answers with its first result.
    /// </summary>
    public static RouteHandlerBuilder ActsOnTask(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            if (http.SignedIn() is not { } user)
            {
                return await ActorResolution.RequireUser(invocation, next);
            }
            var view = Guid.TryParse(RouteValue(http, "taskId"), out var taskId)
                && await http.RequestServices.GetRequiredService<Relief.Workflows.Queues.ICaseQueues>().CaseOfTask(taskId, http.RequestAborted) is { } caseId
                ? await Grains(http).GetGrain<ICaseGrain>(caseId).Describe()
                : null;
            if (view is null || !user.Sees(view.BranchCode))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                    detail: "Nothing with this address exists among what you may read.");
            }
            if (view.Tasks?.FirstOrDefault(t => t.TaskId == taskId) is { UnitCode: { } unit } task)
            {
                if (unit != user.Unit.Value)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                        detail: $"You act at your own unit {user.Unit}; this is done by {unit}.");
                }
                if (!user.Roles.Any(role => task.Roles.Contains(role.Name())))
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                        detail: $"This needs the role {string.Join(" or ", task.Roles)} at {unit}; you hold {Describe(user)} at {user.Unit}.");
                }
            }
            return await next(invocation);
        });

    /// <summary>
    /// The running workflows of a subtree (the <c>unit</c> query value, the user's own unit when none): ops and the
    /// administrator, within their own subtree (outside it 404); every other role 403.
    /// </summary>
    public static RouteHandlerBuilder ReadsInstances(this RouteHandlerBuilder endpoint) =>
        endpoint.Scoped(http => Task.FromResult<string?>(http.Request.Query["unit"].FirstOrDefault() ?? http.User().Unit.Value),
            [ReliefRole.Ops, ReliefRole.Admin], ownUnitOnly: false);

    public static RouteHandlerBuilder ReadsNoticeList(this RouteHandlerBuilder endpoint) =>
        endpoint.Scoped(NoticeListUnit, roles: null, ownUnitOnly: false);

    public static RouteHandlerBuilder ActsOnNoticeList(this RouteHandlerBuilder endpoint, ReliefRole role) =>
        endpoint.Scoped(NoticeListUnit, [role], ownUnitOnly: true);

    public static RouteHandlerBuilder ReadsSpotCheck(this RouteHandlerBuilder endpoint) =>
        endpoint.Scoped(SpotCheckUnit, roles: null, ownUnitOnly: false);

    public static RouteHandlerBuilder ActsOnSpotCheck(this RouteHandlerBuilder endpoint, ReliefRole role) =>
        endpoint.Scoped(SpotCheckUnit, [role], ownUnitOnly: true);

    private static RouteHandlerBuilder Scoped(
        this RouteHandlerBuilder endpoint, Func<HttpContext, Task<string?>> unitOf, ReliefRole[]? roles, bool ownUnitOnly,
        Func<HttpContext, Task<string?>>? actingUnit = null, string? unitParameter = null, bool ancestorsToo = false) =>
        endpoint.AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            if (http.SignedIn() is not { } user)
            {
                return await ActorResolution.RequireUser(invocation, next);
            }
            var unit = await unitOf(http);
            if (unit is null || !(user.Sees(unit) || (ancestorsToo && user.IsBelow(unit))))
            {
                // Outside the subtree the answer is the one for what does not exist; the log says why.
                Logger(http).LogWarning("Denied {User} of {Unit}: {Method} {Path} is outside their subtree (404)",
                    user.Id, user.Unit, http.Request.Method, http.Request.Path);
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                    detail: "Nothing with this address exists among what you may read.");
            }
            var refusedRole = roles is not null && !roles.Any(user.Holds);
            var actsAt = ownUnitOnly ? unit : actingUnit is null ? null : await actingUnit(http);
            var refusedUnit = actsAt is not null && actsAt != user.Unit.Value;
            // What does not exist is not found, whoever asks: a refusal would say it is there but not theirs.
            if ((refusedRole || refusedUnit) && unitParameter is not null && await Common.Existence.Missing(http, unitParameter) is { } missing)
            {
                return missing;
            }
            if (refusedRole)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                    detail: $"This needs the role {string.Join(" or ", roles!.Select(r => r.Name()))} at {unit}; you hold {Describe(user)} at {user.Unit}.");
            }
            if (refusedUnit)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                    detail: $"You act at your own unit {user.Unit}; this is done by {actsAt}.");
            }
            return await next(invocation);
        });

    private static string Describe(ReliefUser user) =>
        user.Roles.Count == 0 ? "no role" : string.Join(", ", user.Roles.Select(r => r.Name()));

    private static string? RouteValue(HttpContext http, string parameter) => http.Request.RouteValues[parameter]?.ToString();

    private static async Task<string?> CaseBranch(HttpContext http) =>
        Guid.TryParse(RouteValue(http, "id"), out var id)
            ? (await Grains(http).GetGrain<ICaseGrain>(id).Whereabouts())?.BranchCode
            : null;

    private static async Task<string?> CaseWaitingUnit(HttpContext http) =>
        Guid.TryParse(RouteValue(http, "id"), out var id)
            ? (await Grains(http).GetGrain<ICaseGrain>(id).Whereabouts())?.WaitingAt
            : null;

    private static async Task<string?> NoticeListUnit(HttpContext http) =>
        Guid.TryParse(RouteValue(http, "listId"), out var id)
            ? (await Grains(http).GetGrain<INoticeListGrain>(id).Describe())?.Unit
            : null;

    private static async Task<string?> SpotCheckUnit(HttpContext http) =>
        Guid.TryParse(RouteValue(http, "spotCheckId"), out var id)
            ? (await Grains(http).GetGrain<ISpotCheckGrain>(id).Describe())?.Unit
            : null;

    private static IGrainFactory Grains(HttpContext http) => http.RequestServices.GetRequiredService<IGrainFactory>();

    private static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Relief.Access");
}
