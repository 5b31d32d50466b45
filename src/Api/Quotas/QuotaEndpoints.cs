using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Relief.Api.Acting;
using Relief.Api.Common;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Quotas;

namespace Relief.Api.Quotas;

/// <summary><c>/api/programmes/{id}/orgunits/{code}/quota</c>: a unit's recipient quota, set by its parent.</summary>
public static class QuotaEndpoints
{
    public sealed record QuotaRequest(int? Recipients);

    public static RouteGroupBuilder MapQuotaEndpoints(this RouteGroupBuilder programmes)
    {
        programmes.MapGet("/{id:guid}/orgunits/{code}/quota", Get).ReadsUnit().ForExistingProgramme().ForExistingUnit()
            .WithSummary("Quota, given to children, used and left for one unit in one programme.");
        programmes.MapPut("/{id:guid}/orgunits/{code}/quota", Set).ActsAtParentOfUnit(ReliefRole.Finance).ForExistingProgramme().ForExistingUnit()
            .WithSummary("Set a unit's quota: by its parent unit (the national unit sets its own).");
        return programmes;
    }

    private static async Task<IResult> Get(Guid id, string code, IGrainFactory grains)
    {
        if (!OrgCode.TryParse(code, out var unit, out var problem))
        {
            return CommandResults.Invalid(new() { ["code"] = [problem] });
        }
        return TypedResults.Ok(await grains.GetGrain<IQuotaGrain>(QuotaKeys.For(id, unit.Value)).Describe());
    }

    private static async Task<IResult> Set(Guid id, string code, QuotaRequest request, HttpContext http, IGrainFactory grains)
    {
        if (!OrgCode.TryParse(code, out var unit, out var problem))
        {
            return CommandResults.Invalid(new() { ["code"] = [problem] });
        }
        if (request.Recipients is not { } recipients || recipients < 0)
        {
            return CommandResults.Invalid(new() { ["recipients"] = ["a whole number of recipients, 0 or more"] });
        }
        var actor = http.Actor();
        var result = unit.Parent is { } parent
            ? await grains.GetGrain<IQuotaGrain>(QuotaKeys.For(id, parent.Value)).Allocate(unit.Value, recipients, actor)
            : await grains.GetGrain<IQuotaGrain>(QuotaKeys.For(id, unit.Value)).SetNational(recipients, actor);
        return result.ToHttp(TypedResults.NoContent);
    }
}
