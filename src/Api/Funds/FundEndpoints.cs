using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Relief.Api.Acting;
using Relief.Api.Common;
using Relief.Workflows.Cases;
using Relief.Workflows.Common;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Quotas;

namespace Relief.Api.Funds;

/// <summary>Money in, down, back and out: <c>/api/programmes/{id}/orgunits/{code}/…</c> and <c>/api/cases/{id}/payment</c>.</summary>
public static class FundEndpoints
{
    private const string Unit = "/{id:guid}/orgunits/{code}";

    public static RouteGroupBuilder MapFundEndpoints(this RouteGroupBuilder programmes)
    {
        programmes.MapPost($"{Unit}/grants", Grant).ActsAtUnit(ReliefRole.Finance).ForExistingProgramme().ForExistingUnit()
            .WithSummary("Put money into the unit's account from a funding source.");
        programmes.MapPost($"{Unit}/allocations", Allocate).ActsAtUnit(ReliefRole.Finance).ForExistingProgramme().ForExistingUnit()
            .WithSummary("Allocate money (and optionally the recipient quota) to a direct child.");
        programmes.MapPost($"{Unit}/receipts/{{allocationId:guid}}", Confirm).ActsAtUnit(ReliefRole.Finance).ForExistingProgramme().ForExistingUnit()
            .WithSummary("Confirm receipt of an allocation from the parent.");
        programmes.MapPost($"{Unit}/reclaims", Reclaim).ActsAtUnit(ReliefRole.Finance).ForExistingProgramme().ForExistingUnit()
            .WithSummary("Take back money a child has not passed on, reserved or paid.");
        programmes.MapPost($"{Unit}/returns", ReturnUnspent).ActsAtUnit(ReliefRole.Finance).ForExistingProgramme().ForExistingUnit()
            .WithSummary("Return unspent money to the parent.");
        programmes.MapGet($"{Unit}/account", Account).ReadsUnit().ForExistingProgramme().ForExistingUnit().WithSummary("Balances by funding source.");
        programmes.MapGet($"{Unit}/ledger", Ledger).ReadsUnit().ForExistingProgramme().ForExistingUnit().WithSummary("Ledger entries, oldest first, filterable by kind and date.");
        return programmes;
    }

    public static RouteGroupBuilder MapPaymentEndpoints(this RouteGroupBuilder cases)
    {
        cases.MapPost("/{id:guid}/payment", Pay).ActsAtCaseBranch(ReliefRole.Finance)
            .WithSummary("Pay an approved case from its branch (idempotent: paying again returns the first payment).");
        return cases;
    }

    private static IAccountGrain AccountOf(IGrainFactory grains, Guid programme, OrgCode unit) =>
        grains.GetGrain<IAccountGrain>(AccountKeys.For(programme, unit.Value));

    private static async Task<IResult> Grant(Guid id, string code, GrantRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var unit = UnitCode(code, errors);
        var amount = errors.Amount("amount", request.Amount);
        var source = errors.Required("source", request.Source);
        var donor = errors.Text("donor", request.Donor, 100, required: false);
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        return Answer(await AccountOf(grains, id, unit).Grant(source, amount, donor.Length == 0 ? null : donor, http.Actor()), created: true);
    }

    private static async Task<IResult> Allocate(Guid id, string code, AllocationRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var unit = UnitCode(code, errors);
        var amount = errors.Amount("amount", request.Amount);
        var sources = request.SourcesOrNull(errors);
        var child = errors.Text("child", request.Child, 30);
        if (request.Recipients is < 0)
        {
            errors.Add("recipients", "a whole number of recipients, 0 or more");
        }
        await ChildMustExist(child, grains, errors);
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        var actor = http.Actor();
        var account = AccountOf(grains, id, unit);
        var quotas = grains.GetGrain<IQuotaGrain>(QuotaKeys.For(id, unit.Value));
        int? quotaBefore = null;
        if (request.Recipients is { } recipients)
        {
            // Money that is plainly not there refuses the request before the quota is touched.
            if ((await account.Describe()).Available.Total < amount)
            {
                return CommandResults.Problem(StatusCodes.Status409Conflict, "Conflict", $"{unit.Value} has less than {amount} yuan available.");
            }
            // The quota first: if it does not fit, no money moves either.
            quotaBefore = (await quotas.Describe()).Children.GetValueOrDefault(child);
            var quota = await quotas.Allocate(child, recipients, actor);
            if (!quota.Succeeded)
            {
                return quota.ToHttp(TypedResults.NoContent);
            }
        }
        var moved = await account.Allocate(child, amount, sources, actor);
        if (!moved.Result.Succeeded && quotaBefore is { } before)
        {
            // The money was refused: the child's quota goes back to what it was, so a refusal changes nothing.
            await quotas.Allocate(child, before, actor);
        }
        return Answer(moved, created: true);
    }

    private static async Task<IResult> Confirm(Guid id, string code, Guid allocationId, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var unit = UnitCode(code, errors);
        return errors.Any
            ? CommandResults.Invalid(errors.ByField)
            : Answer(await AccountOf(grains, id, unit).ConfirmReceipt(allocationId, http.Actor()));
    }

    private static async Task<IResult> Reclaim(Guid id, string code, ReclaimRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var unit = UnitCode(code, errors);
        var amount = errors.Amount("amount", request.Amount);
        var child = errors.Text("child", request.Child, 30);
        await ChildMustExist(child, grains, errors);
        return errors.Any
            ? CommandResults.Invalid(errors.ByField)
            : Answer(await AccountOf(grains, id, unit).Reclaim(child, amount, http.Actor()));
    }

    private static async Task<IResult> ReturnUnspent(Guid id, string code, ReturnRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var unit = UnitCode(code, errors);
        var amount = errors.Amount("amount", request.Amount);
        return errors.Any
            ? CommandResults.Invalid(errors.ByField)
            : Answer(await AccountOf(grains, id, unit).ReturnToParent(amount, http.Actor()));
    }

    private static async Task<IResult> Account(Guid id, string code, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var unit = UnitCode(code, errors);
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        var view = await AccountOf(grains, id, unit).Describe();
        var b = view.Balances;
        return TypedResults.Ok(new
        {
            unit = unit.Value,
            received = b.Received,
            inTransitFromParent = b.InTransit,
            inTransitToChildren = view.InTransitToChildren,
            allocatedDown = b.AllocatedDown,
            reserved = b.Reserved,
            paid = b.Disbursed,
            returned = b.ReturnedUp,
            spentOnGoods = b.SpentOnGoods,
            available = view.Available,
            totals = new
            {
                received = b.Received.Total,
                allocatedDown = b.AllocatedDown.Total,
                reserved = b.Reserved.Total,
                paid = b.Disbursed.Total,
                returned = b.ReturnedUp.Total,
                spentOnGoods = b.SpentOnGoods.Total,
                available = view.Available.Total,
            },
            awaitingReceipt = view.AwaitingReceipt,
        });
    }

    private static async Task<IResult> Ledger(Guid id, string code, string? kind, DateTimeOffset? from, DateTimeOffset? to,
        int? offset, int? limit, ILedgerRows rows)
    {
        var errors = new Dictionary<string, string[]>();
        if (!OrgCode.TryParse(code, out var unit, out var problem))
        {
            errors["code"] = [problem];
        }
        LedgerEntryKind? kindFilter = null;
        if (kind is not null)
        {
            if (EnumNames.TryParse<LedgerEntryKind>(kind, out var parsed))
            {
                kindFilter = parsed;
            }
            else
            {
                errors["kind"] = [EnumNames.Expected<LedgerEntryKind>()];
            }
        }
        if (from is not null && to is not null && to < from)
        {
            errors["to"] = ["the end comes before the start (from)"];
        }
        var page = PageRequest.Read(offset, limit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var entries = await rows.Entries(new LedgerQuery(id, unit.Value, Kinds: kindFilter is { } wanted ? [wanted] : null, From: from, To: to), page.Offset, page.Limit);
        return TypedResults.Ok(new Page<LedgerEntry>(entries.Items, entries.Total, page.Offset, page.Limit));
    }

    private static async Task<IResult> Pay(Guid id, PaymentRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var method = errors.Required("method", request.Method);
        var reference = errors.Text("reference", request.Reference, 100);
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        var grain = grains.GetGrain<ICaseGrain>(id);
        var result = await grain.Pay(method, reference, http.Actor());
        return result.Succeeded
            ? TypedResults.Ok(Cases.CaseResponses.Masked((await grain.Describe())!))
            : result.ToHttp(TypedResults.NoContent);
    }

    private static OrgCode UnitCode(string code, FieldErrors errors)
    {
        if (OrgCode.TryParse(code, out var unit, out var problem))
        {
            return unit;
        }
        errors.Add("code", problem);
        return OrgCode.National;
    }

    /// <summary>A well-formed child code must also name a registered unit: money sent to a code nobody holds is lost.</summary>
    public static async Task ChildMustExist(string child, IGrainFactory grains, FieldErrors errors)
    {
        if (!errors.ByField.ContainsKey("child") && OrgCode.TryParse(child, out var code, out _) && !await grains.GetGrain<IOrgUnitGrain>(code.Value).Exists())
        {
            errors.Add("child", $"no org unit has the code {code.Value}");
        }
    }

    /// <summary>A ledger operation's answer: its entry (201 when one was made), or the refusal as problem details.</summary>
    internal static IResult Answer(LedgerResult result, bool created = false) => result.Result.Succeeded
        ? created ? TypedResults.Created((string?)null, result.Entry) : TypedResults.Ok(result.Entry)
        : result.Result.ToHttp(TypedResults.NoContent);
}
