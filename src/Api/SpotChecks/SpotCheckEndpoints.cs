using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Relief.Api.Acting;
using Relief.Api.Common;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.SpotChecks;

namespace Relief.Api.SpotChecks;

/// <summary>Spot checks (抽查): a level draws a sample of what its sub-units approved; its auditors record findings and vetoes.</summary>
public static class SpotCheckEndpoints
{
    public sealed record DrawRequest(decimal? Percent, long? Seed);

    public sealed record FindingRequest(Guid? CaseId, SpotCheckVerdict? Verdict, string? Note);

    public static RouteGroupBuilder MapSpotCheckDrawEndpoints(this RouteGroupBuilder programmes)
    {
        programmes.MapPost("/{id:guid}/orgunits/{code}/spot-checks", Draw).ActsAtUnit(ReliefRole.Auditor).ForExistingProgramme().ForExistingUnit()
            .WithSummary("Draw a sample (percent, at least one case) of the cases the unit's sub-units approved; the seed is recorded.");
        programmes.MapGet("/{id:guid}/orgunits/{code}/spot-checks", List).ReadsUnit().ForExistingProgramme().ForExistingUnit()
            .WithSummary("The spot checks the unit has drawn in the programme.");
        return programmes;
    }

    public static RouteGroupBuilder MapSpotCheckEndpoints(this RouteGroupBuilder spotChecks)
    {
        spotChecks.MapGet("/{spotCheckId:guid}", Get).ReadsSpotCheck().WithSummary("A spot check: its seed, sample, findings and journal.");
        spotChecks.MapPost("/{spotCheckId:guid}/findings", Find).ActsOnSpotCheck(ReliefRole.Auditor)
            .WithSummary("Record a finding on a sampled case: confirmed, or vetoed (rejected, or flagged for recovery when paid).");
        return spotChecks;
    }

    private static async Task<IResult> Draw(Guid id, string code, DrawRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (!OrgCode.TryParse(code, out var unit, out var problem))
        {
            errors.Add("code", problem);
        }
        var percent = errors.Required("percent", request.Percent);
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        var (result, spotCheckId) = await grains.GetGrain<ISpotChecksGrain>(SpotCheckKeys.For(id, unit.Value)).Draw(percent, request.Seed, http.Actor());
        if (!result.Succeeded)
        {
            return result.ToHttp(TypedResults.NoContent);
        }
        return TypedResults.Created($"/api/spot-checks/{spotCheckId}", await grains.GetGrain<ISpotCheckGrain>(spotCheckId!.Value).Describe());
    }

    private static async Task<IResult> List(Guid id, string code, int? offset, int? limit, IGrainFactory grains)
    {
        if (UnitPageRequest.Read(code, offset, limit, out var unit, out var page) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        // Newest draw first.
        var draws = (await grains.GetGrain<ISpotChecksGrain>(SpotCheckKeys.For(id, unit.Value)).List()).Reverse().ToList();
        return TypedResults.Ok(Page.Of(draws, page));
    }

    private static async Task<IResult> Get(Guid spotCheckId, IGrainFactory grains) =>
        await grains.GetGrain<ISpotCheckGrain>(spotCheckId).Describe() is { } view
            ? TypedResults.Ok(view)
            : CommandResults.Problem(StatusCodes.Status404NotFound, "Spot check not found", $"No spot check has the id {spotCheckId}.");

    private static async Task<IResult> Find(Guid spotCheckId, FindingRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var caseId = errors.Required("caseId", request.CaseId);
        var verdict = errors.Required("verdict", request.Verdict);
        var note = errors.Text("note", request.Note, 2000, multiline: true);
        return errors.Any
            ? CommandResults.Invalid(errors.ByField)
            : (await grains.GetGrain<ISpotCheckGrain>(spotCheckId).RecordFinding(caseId, verdict, note, http.Actor())).ToHttp(TypedResults.NoContent);
    }
}
