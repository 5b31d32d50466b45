using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Relief.Api.Acting;
using Relief.Api.Common;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Plans;

namespace Relief.Api.Plans;

/// <summary>
/// Allocation plans of a unit (<c>/api/programmes/{id}/orgunits/{code}/plans…</c>): prepared by one finance officer
/// (typed, from CSV, or from a proposal), decided by another, carried out once, each child's receipt confirmed by that
/// child's finance staff.
/// </summary>
public static class PlanEndpoints
{
    private const string Unit = "/{id:guid}/orgunits/{code}";

    public static RouteGroupBuilder MapPlanEndpoints(this RouteGroupBuilder programmes)
    {
        programmes.MapPost($"{Unit}/plans", Prepare).ActsAtUnit(ReliefRole.Finance).ForExistingProgramme().ForExistingUnit()
            .WithSummary("Prepare an allocation plan: money and recipient places for every child of the unit at once.");
        programmes.MapPost($"{Unit}/plans/csv", PlanCsv.Prepare).ActsAtUnit(ReliefRole.Finance).ForExistingProgramme().ForExistingUnit()
            .WithSummary("Prepare an allocation plan from a CSV file (child,amount,recipients).");
        programmes.MapGet($"{Unit}/plans/proposal", PlanProposals.Propose).ActsAtUnit(ReliefRole.Finance).ForExistingProgramme().ForExistingUnit()
            .WithSummary("A plan's lines proposed in proportion to each child's recipients in an earlier programme (basis=lastSeasonRecipients&from=…).");
        programmes.MapGet($"{Unit}/plans", List).ReadsUnit().ForExistingProgramme().ForExistingUnit()
            .WithSummary("The unit's allocation plans, newest first.");
        programmes.MapGet($"{Unit}/plans/{{planId:guid}}", Get).ReadsUnit().ForExistingProgramme().ForExistingUnit()
            .WithSummary("One plan: its lines with unit names, status, open tasks, allocations, receipts and journal.");
        programmes.MapGet($"{Unit}/plans/{{planId:guid}}/share", Share).ReadsUnit().ForExistingProgramme().ForExistingUnit()
            .WithSummary("The child's (code) share of its parent's plan: the plan's title and status, the child's own line, its receipt task.");
        programmes.MapPost($"{Unit}/plans/{{planId:guid}}/decisions", Decide).ActsAtUnit(ReliefRole.Finance).ForExistingProgramme().ForExistingUnit()
            .WithSummary("Approve, return or reject a plan in review (not by whoever submitted it); resubmit or withdraw a returned one.");
        programmes.MapPost($"{Unit}/plans/{{planId:guid}}/receipt", ConfirmReceipt).ActsAtUnit(ReliefRole.Finance).ForExistingProgramme().ForExistingUnit()
            .WithSummary("The child (code) confirms receipt of its share of its parent's plan.");
        return programmes;
    }

    internal static async Task<IResult> Submit(Guid programme, OrgCode unit, PlanContent content, HttpContext http, IGrainFactory grains)
    {
        var planId = Guid.NewGuid();
        var result = await grains.GetGrain<IAllocationPlanGrain>(planId).Prepare(programme, unit.Value, content, http.Actor());
        return result.Succeeded
            ? TypedResults.Created($"/api/programmes/{programme}/orgunits/{unit.Value}/plans/{planId}", await View(grains, (await grains.GetGrain<IAllocationPlanGrain>(planId).Describe())!))
            : result.ToHttp(TypedResults.NoContent);
    }

    private static async Task<IResult> Prepare(Guid id, string code, PlanRequest request, HttpContext http, IGrainFactory grains)
    {
        var unit = OrgCode.Parse(code);
        var errors = new FieldErrors();
        var content = request.Read((await grains.GetGrain<IOrgUnitGrain>(unit.Value).Describe())!, errors);
        return content is null ? CommandResults.Invalid(errors.ByField) : await Submit(id, unit, content, http, grains);
    }

    private static async Task<IResult> List(Guid id, string code, int? offset, int? limit, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var page = PageRequest.Read(offset, limit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var ids = await grains.GetGrain<IPlanRegisterGrain>(PlanKeys.RegisterOf(id, code)).Plans();
        var plans = (await Task.WhenAll(ids.Skip(page.Offset).Take(page.Limit).Select(p => grains.GetGrain<IAllocationPlanGrain>(p).Describe())))
            .OfType<PlanView>()
            .Select(p => new
            {
                id = p.Id,
                title = p.Content.Title,
                status = p.Status,
                total = p.Content.Total,
                recipients = p.Content.Recipients,
                children = p.Content.Lines.Count,
                received = p.Received.Count,
                preparedBy = p.PreparedBy,
                preparedAt = p.PreparedAt,
            })
            .ToList();
        return TypedResults.Ok(new Page<object>(plans, ids.Count, page.Offset, page.Limit));
    }

    private static async Task<IResult> Get(Guid id, string code, Guid planId, IGrainFactory grains) =>
        await Find(grains, id, code, planId) is { } plan
            ? TypedResults.Ok(await View(grains, plan))
            : NoSuchPlan(code, planId);

    /// <summary>What a child sees of its parent's plan: its own line and task, not its siblings' shares nor the review's notes.</summary>
    private static async Task<IResult> Share(Guid id, string code, Guid planId, IGrainFactory grains)
    {
        var child = OrgCode.Parse(code);
        return child.Parent is { } parent && await Find(grains, id, parent.Value, planId) is { } plan && plan.Content.Lines.Any(l => l.Child == code)
            ? TypedResults.Ok(await View(grains, plan, onlyChild: code))
            : NoSuchPlan(child.Parent?.Value ?? code, planId);
    }

    private static async Task<IResult> Decide(Guid id, string code, Guid planId, PlanDecisionRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var decision = errors.Text("decision", request.Decision, 20);
        var note = errors.Text("note", request.Note, PlanRequest.MaxNote, required: false, multiline: true);
        if (decision is "return" or "reject" && note.Length == 0)
        {
            errors.Add("note", "say why the plan is returned or rejected");
        }
        if (await Find(grains, id, code, planId) is null)
        {
            return NoSuchPlan(code, planId);
        }
        PlanContent? revised = null;
        if (request.Revised is { } lines)
        {
            revised = lines.Read((await grains.GetGrain<IOrgUnitGrain>(code).Describe())!, errors);
        }
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        var grain = grains.GetGrain<IAllocationPlanGrain>(planId);
        var result = await grain.Decide(decision, revised, note.Length == 0 ? null : note, http.Actor());
        return result.Succeeded ? TypedResults.Ok(await View(grains, (await grain.Describe())!)) : result.ToHttp(TypedResults.NoContent);
    }

    /// <summary>
    /// The child's finance staff confirm their share arrived: the child's account confirms the allocation, and the
    /// parent's account tells the plan, whose task at the child then closes. Confirming again changes nothing.
    /// </summary>
    private static async Task<IResult> ConfirmReceipt(Guid id, string code, Guid planId, HttpContext http, IGrainFactory grains)
    {
        var child = OrgCode.Parse(code);
        if (child.Parent is not { } parent || await Find(grains, id, parent.Value, planId) is not { } plan)
        {
            return NoSuchPlan(child.Parent?.Value ?? code, planId);
        }
        if (!plan.Allocations.TryGetValue(child.Value, out var allocation))
        {
            return CommandResults.Problem(StatusCodes.Status409Conflict, "Conflict",
                plan.Content.Lines.Any(l => l.Child == child.Value && l.Amount.IsPositive)
                    ? $"The plan is {plan.Status}: nothing has been allocated to {child.Value} yet."
                    : $"The plan allocates no money to {child.Value}.");
        }
        if (plan.Received.Contains(child.Value))
        {
            return TypedResults.Ok(await View(grains, plan));
        }
        var confirmed = await grains.GetGrain<IAccountGrain>(AccountKeys.For(id, child.Value)).ConfirmReceipt(allocation, http.Actor());
        return confirmed.Result.Succeeded
            ? TypedResults.Ok(await View(grains, (await grains.GetGrain<IAllocationPlanGrain>(planId).Describe())!))
            : confirmed.Result.ToHttp(TypedResults.NoContent);
    }

    /// <summary>The plan, if it is one of this unit's in this programme (another unit's plan is not found here).</summary>
    private static async Task<PlanView?> Find(IGrainFactory grains, Guid programme, string unit, Guid planId) =>
        await grains.GetGrain<IAllocationPlanGrain>(planId).Describe() is { } plan && plan.ProgrammeId == programme && plan.UnitCode == unit ? plan : null;

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NoSuchPlan(string unit, Guid planId) =>
        CommandResults.Problem(StatusCodes.Status404NotFound, "Not found", $"{unit} has no plan {planId} in this programme.");

    /// <summary>A plan as the page reads it: each line and task with its unit's name beside its code.</summary>
    internal static async Task<object> View(IGrainFactory grains, PlanView plan, string? onlyChild = null)
    {
        var lines = plan.Content.Lines.Where(l => onlyChild is null || l.Child == onlyChild).ToList();
        var tasks = plan.Tasks.Where(t => onlyChild is null || t.Unit == onlyChild).ToList();
        var journal = plan.Journal.Where(j => onlyChild is null || j.Kind == "allocate" || (j.Kind == "receipts" && j.Actor.EndsWith($"@{onlyChild}", StringComparison.Ordinal)));
        var names = await UnitNames.Of(grains, lines.Select(l => l.Child).Append(plan.UnitCode));
        return new
        {
            id = plan.Id,
            programmeId = plan.ProgrammeId,
            unit = plan.UnitCode,
            unitName = names.GetValueOrDefault(plan.UnitCode),
            title = plan.Content.Title,
            basis = plan.Content.Basis,
            note = plan.Content.Note,
            status = plan.Status,
            total = plan.Content.Total,
            recipients = plan.Content.Recipients,
            preparedBy = plan.PreparedBy,
            preparedAt = plan.PreparedAt,
            submittedBy = plan.SubmittedBy,
            version = plan.Version,
            share = onlyChild,
            lines = lines.Select(l => new
            {
                child = l.Child,
                name = names.GetValueOrDefault(l.Child),
                amount = l.Amount,
                sources = l.Sources,
                recipients = l.Recipients,
                allocationId = plan.Allocations.TryGetValue(l.Child, out var allocation) ? allocation : (Guid?)null,
                received = plan.Received.Contains(l.Child),
            }),
            tasks = tasks.Select(t => new
            {
                taskId = t.TaskId,
                node = t.Node,
                title = t.Title,
                unit = t.Unit,
                unitName = names.GetValueOrDefault(t.Unit),
                outcomes = t.Outcomes,
                dueAt = t.DueAt,
                since = t.Since,
            }),
            journal = journal.Select(j => new { at = j.At, node = j.Node, kind = j.Kind, outcome = j.Outcome, actor = j.Actor, detail = j.Detail }),
        };
    }
}
