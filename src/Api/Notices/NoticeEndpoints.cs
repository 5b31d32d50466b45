using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Relief.Api.Acting;
using Relief.Api.Common;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Notices;
using Relief.Workflows.Programmes;

namespace Relief.Api.Notices;

/// <summary>Publishing notice lists, the public's view of them and its objections, and resolving objections.</summary>
public static class NoticeEndpoints
{
    public const string PublicRateLimit = "public";
    private const long PublicBodyLimit = 16 * 1024;

    public sealed record ObjectionRequest(int? Line, string? Reason, ObjectionChannel? Channel, string? Contact);

    public sealed record ResolutionRequest(bool? Upheld, string? Reason);

    public static RouteGroupBuilder MapNoticeBoardEndpoints(this RouteGroupBuilder programmes)
    {
        programmes.MapPost("/{id:guid}/orgunits/{code}/notices/publish", Publish).ActsAtUnit(ReliefRole.Approver).ForExistingProgramme().ForExistingUnit()
            .WithSummary("Publish the unit's open notice list: its window starts now.");
        programmes.MapGet("/{id:guid}/orgunits/{code}/notices", Board).ReadsUnit().ForExistingProgramme().ForExistingUnit()
            .WithSummary("How many approved cases wait for the next list, and the lists published so far.");
        return programmes;
    }

    /// <summary>No sign-in, masked data only, rate-limited and size-bounded.</summary>
    public static RouteGroupBuilder MapPublicNoticeEndpoints(this RouteGroupBuilder publicRoutes)
    {
        publicRoutes.MapGet("/programmes", PublicProgrammes).RequireRateLimiting(PublicRateLimit)
            .WithSummary("The published programmes, for the public notice board to choose from.");
        publicRoutes.MapGet("/programmes/{id:guid}/orgunits/{code}/notices", PublicBoard).ForExistingProgramme().ForExistingUnit().RequireRateLimiting(PublicRateLimit)
            .WithSummary("The notice lists a unit has published in a programme, newest first, with their windows.");
        publicRoutes.MapGet("/notices/{listId:guid}", PublicList).RequireRateLimiting(PublicRateLimit)
            .WithSummary("A published notice list: masked names and ID numbers, the window, the hotline 12351.");
        publicRoutes.MapPost("/notices/{listId:guid}/objections", Object).RequireRateLimiting(PublicRateLimit)
            .WithMetadata(new RequestSizeLimitAttribute(PublicBodyLimit))
            .WithSummary("Raise an objection against a line, during the window (anonymous allowed).");
        return publicRoutes;
    }

    public sealed record NoticeListRecord(NoticeListView List, IReadOnlyList<NoticeListEvent> Journal);

    public static RouteGroupBuilder MapObjectionEndpoints(this RouteGroupBuilder notices)
    {
        notices.MapGet("/{listId:guid}", ListRecord).ReadsNoticeList()
            .WithSummary("A published list with its journal (published, window recounted on a new calendar, closed).");
        notices.MapGet("/{listId:guid}/objections", Objections).ReadsNoticeList()
            .WithSummary("The objections against a list, late reports included.");
        notices.MapPost("/{listId:guid}/objections/{objectionId:guid}/resolution", Resolve).ActsOnNoticeList(ReliefRole.Approver)
            .WithSummary("Uphold (the case is rejected, its money and place released) or dismiss an objection.");
        return notices;
    }

    private static async Task<IResult> Publish(Guid id, string code, HttpContext http, IGrainFactory grains)
    {
        if (!OrgCode.TryParse(code, out var unit, out var problem))
        {
            return CommandResults.Invalid(new() { ["code"] = [problem] });
        }
        var (result, listId) = await grains.GetGrain<INoticeBoardGrain>(Workflows.Notices.Notices.BoardKey(id, unit.Value)).Publish(http.Actor());
        if (!result.Succeeded)
        {
            return result.ToHttp(TypedResults.NoContent);
        }
        var view = await grains.GetGrain<INoticeListGrain>(listId!.Value).Describe();
        return TypedResults.Created($"/api/public/notices/{listId}", new { listId, view!.Window, lines = view.Lines.Count });
    }

    private static async Task<IResult> Board(Guid id, string code, int? offset, int? limit, IGrainFactory grains)
    {
        if (UnitPageRequest.Read(code, offset, limit, out var unit, out var page) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var board = grains.GetGrain<INoticeBoardGrain>(Workflows.Notices.Notices.BoardKey(id, unit.Value));
        // Newest list first: the one an approver works on.
        var lists = (await board.Lists()).Reverse().ToList();
        return TypedResults.Ok(new { waiting = await board.Waiting(), lists = Page.Of(lists, page) });
    }

    private static async Task<IResult> PublicProgrammes(IGrainFactory grains) => TypedResults.Ok(new
    {
        items = (await grains.GetGrain<IProgrammeCatalogueGrain>(IProgrammeCatalogueGrain.Key).List())
            .Where(p => p.Status == ProgrammeStatus.Published)
            .Select(p => new { p.Id, p.Name }),
    });

    private static async Task<IResult> PublicBoard(Guid id, string code, int? offset, int? limit, IGrainFactory grains)
    {
        if (UnitPageRequest.Read(code, offset, limit, out var unit, out var page) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var ids = await grains.GetGrain<INoticeBoardGrain>(Workflows.Notices.Notices.BoardKey(id, unit.Value)).Lists();
        var lists = new List<object>();
        foreach (var listId in ids.Reverse().Skip(page.Offset).Take(page.Limit))
        {
            if (await grains.GetGrain<INoticeListGrain>(listId).Describe() is { } view)
            {
                lists.Add(new { listId, view.Window, lines = view.Lines.Count, view.Closed });
            }
        }
        return TypedResults.Ok(new Page<object>(lists, ids.Count, page.Offset, page.Limit));
    }

    private static async Task<IResult> PublicList(Guid listId, IGrainFactory grains) =>
        await grains.GetGrain<INoticeListGrain>(listId).Describe() is { } view
            ? TypedResults.Ok(view)
            : CommandResults.Problem(StatusCodes.Status404NotFound, "Notice list not found", $"No published list has the id {listId}.");

    private static async Task<IResult> Object(Guid listId, ObjectionRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var line = errors.Required("line", request.Line);
        var channel = errors.Required("channel", request.Channel);
        var reason = errors.Text("reason", request.Reason, 2000, multiline: true);
        var contact = errors.Text("contact", request.Contact, 100, required: false);
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        var (result, objectionId) = await grains.GetGrain<INoticeListGrain>(listId).RaiseObjection(line, reason, channel, contact.Length == 0 ? null : contact);
        return result.Succeeded
            ? TypedResults.Created((string?)null, new { objectionId })
            : result.ToHttp(TypedResults.NoContent);
    }

    private static async Task<IResult> ListRecord(Guid listId, IGrainFactory grains)
    {
        var list = grains.GetGrain<INoticeListGrain>(listId);
        return await list.Describe() is { } view
            ? TypedResults.Ok(new NoticeListRecord(view, await list.Journal()))
            : CommandResults.Problem(StatusCodes.Status404NotFound, "Notice list not found", $"No published list has the id {listId}.");
    }

    private static async Task<IResult> Objections(Guid listId, int? offset, int? limit, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var page = PageRequest.Read(offset, limit, errors);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(Page.Of(await grains.GetGrain<INoticeListGrain>(listId).Objections(), page));
    }

    private static async Task<IResult> Resolve(Guid listId, Guid objectionId, ResolutionRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var upheld = errors.Required("upheld", request.Upheld);
        var reason = errors.Text("reason", request.Reason, 2000, multiline: true);
        return errors.Any
            ? CommandResults.Invalid(errors.ByField)
            : (await grains.GetGrain<INoticeListGrain>(listId).Resolve(objectionId, upheld, reason, http.Actor())).ToHttp(TypedResults.NoContent);
    }
}
