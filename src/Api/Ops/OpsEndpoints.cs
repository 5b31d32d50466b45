using Relief.Api.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Relief.Api.Acting;
using Relief.Workflows;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Queues;

namespace Relief.Api.Ops;

/// <summary>The peak figures per province for the ops page: filings and decisions per hour, and queue depths.</summary>
public static class OpsEndpoints
{
    public static RouteGroupBuilder MapOpsEndpoints(this RouteGroupBuilder ops)
    {
        ops.MapGet("/peak", Peak).ActsNationally(ReliefRole.Ops).ForExistingProgramme("programme")
            .WithSummary("Per province: cases filed and decided in each of the last hours, and cases waiting now.");
        return ops;
    }

    private static async Task<IResult> Peak(Guid? programme, int? hours, IActivityLog activity, IGrainFactory grains, ReliefClock clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (programme is null)
        {
            errors["programme"] = ["name the programme (?programme=…)"];
        }
        if (hours is < 1 or > 168)
        {
            errors["hours"] = ["between 1 and 168"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var now = clock.GetUtcNow();
        var thisHour = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero);
        var slots = Enumerable.Range(0, hours ?? 24).Select(i => thisHour.AddHours(i - (hours ?? 24) + 1)).ToList();
        var counted = await activity.Since(programme!.Value, slots[0], cancellationToken);
        var depths = (await activity.Depths(programme.Value, cancellationToken)).ToDictionary(d => d.ProvinceCode, d => d.Waiting);
        var national = await grains.GetGrain<IOrgUnitGrain>(OrgCode.NationalCode).Describe();
        var provinces = (national?.Children ?? []).Select(p => new
        {
            code = p.Code,
            name = p.Name,
            filed = slots.Select(h => counted.Where(c => c.ProvinceCode == p.Code && c.Hour == h).Sum(c => c.Filed)).ToList(),
            decided = slots.Select(h => counted.Where(c => c.ProvinceCode == p.Code && c.Hour == h).Sum(c => c.Decided)).ToList(),
            waiting = depths.GetValueOrDefault(p.Code),
        }).ToList();
        return TypedResults.Ok(new { hours = slots, provinces, waitingAtNational = depths.GetValueOrDefault(OrgCode.NationalCode) });
    }
}
