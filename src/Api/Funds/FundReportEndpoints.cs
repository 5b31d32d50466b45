using Relief.Api.Acting;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Relief.Api.Common;
using Relief.Workflows.Cases;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;

namespace Relief.Api.Funds;

/// <summary>What finance reads: statements that reconcile, the trail of a paid case, the roll-up of a subtree.</summary>
public static class FundReportEndpoints
{
    public static RouteGroupBuilder MapFundReportEndpoints(this RouteGroupBuilder programmes)
    {
        programmes.MapGet("/{id:guid}/orgunits/{code}/statement", Statement).ReadsUnit().ForExistingProgramme().ForExistingUnit()
            .WithSummary("Opening balances, movements by kind and closing balances for a period [from, to).");
        programmes.MapGet("/{id:guid}/orgunits/{code}/unpaid", Unpaid).ReadsUnit().ForExistingProgramme().ForExistingUnit()
            .WithSummary("Cases of the unit's subtree whose money is reserved but not paid (after the last payment day: what is left unpaid).");
        programmes.MapGet("/{id:guid}/orgunits/{code}/rollup", RollUp).ReadsUnit().ForExistingProgramme().ForExistingUnit()
            .WithSummary("A unit and its whole subtree: money by source, recipients by category, goods by item (format=csv for a file).");
        return programmes;
    }

    public static RouteGroupBuilder MapTraceEndpoints(this RouteGroupBuilder cases)
    {
        cases.MapGet("/{id:guid}/trace", Trace).ReadsCase()
            .WithSummary("For a paid case: the chain from the household up to the grants, by funding source.");
        return cases;
    }

    private static async Task<IResult> Statement(Guid id, string code, DateTimeOffset? from, DateTimeOffset? to, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        if (!OrgCode.TryParse(code, out var unit, out var problem))
        {
            errors["code"] = [problem];
        }
        var end = to ?? DateTimeOffset.UtcNow.AddSeconds(1);
        var start = from ?? DateTimeOffset.UnixEpoch;
        if (start >= end)
        {
            errors["from"] = ["the period starts before it ends"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var ledger = await grains.GetGrain<IAccountGrain>(AccountKeys.For(id, unit.Value)).Ledger();
        var statement = AccountStatement.For(ledger, start, end);
        return TypedResults.Ok(new
        {
            statement.From,
            statement.To,
            opening = Balances(statement.Opening),
            movements = statement.Movements,
            closing = Balances(statement.Closing),
            statement.Reconciles,
        });
    }

    private static async Task<IResult> Trace(Guid id, IGrainFactory grains)
    {
        if (await grains.GetGrain<ICaseGrain>(id).Describe() is not { } view)
        {
            return CommandResults.Problem(StatusCodes.Status404NotFound, "Case not found", $"No case has the id {id}.");
        }
        if (view.Status != CaseStatus.Paid)
        {
            return CommandResults.Problem(StatusCodes.Status409Conflict, "Not paid", $"Case {id} is {view.Status}: only a paid case has a money trail.");
        }
        var chain = new List<(OrgCode, IReadOnlyList<LedgerEntry>)>();
        for (OrgCode? unit = OrgCode.Parse(view.BranchCode); unit is { } code; unit = code.Parent)
        {
            chain.Add((code, await grains.GetGrain<IAccountGrain>(AccountKeys.For(view.ProgrammeId, code.Value)).Ledger()));
        }
        var paid = chain[0].Item2.Single(e => e.Kind == LedgerEntryKind.Disbursed && e.Counterpart == id.ToString()).Amounts;
        return TypedResults.Ok(MoneyTrace.For(id, paid, chain));
    }

    private static async Task<IResult> RollUp(Guid id, string code, string? format, IGrainFactory grains)
    {
        if (!OrgCode.TryParse(code, out var root, out var problem))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [problem] });
        }
        if (await grains.GetGrain<IOrgUnitGrain>(root.Value).Describe() is null)
        {
            return CommandResults.Problem(StatusCodes.Status404NotFound, "Org unit not found", $"No org unit has the code {root}.");
        }
        var rollUp = await FundRollUp.Build(grains, id, root);
        return format == "csv"
            ? TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(rollUp.ToCsv())).ToArray(), "text/csv; charset=utf-8", $"rollup-{root}.csv")
            : TypedResults.Ok(rollUp);
    }

    private static async Task<IResult> Unpaid(Guid id, string code, int? offset, int? limit, IGrainFactory grains)
    {
        if (UnitPageRequest.Read(code, offset, limit, out var root, out var page) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var unpaid = new List<object>();
        await foreach (var unit in OrgSubtree.Walk(grains, root))
        {
            if (unit.Level != OrgLevel.Branch)
            {
                continue;
            }
            foreach (var (caseId, amounts) in await grains.GetGrain<IAccountGrain>(AccountKeys.For(id, unit.Value)).Unpaid())
            {
                unpaid.Add(new { caseId, branch = unit.Value, amount = amounts.Total, bySource = amounts });
            }
        }
        return TypedResults.Ok(Page.Of(unpaid, page));
    }

    private static object Balances(AccountBalances b) => new
    {
        received = b.Received,
        inTransit = b.InTransit,
        allocatedDown = b.AllocatedDown,
        reserved = b.Reserved,
        paid = b.Disbursed,
        returned = b.ReturnedUp,
        available = b.Available,
    };
}

/// <summary>The roll-up of a unit and its subtree in one programme.</summary>
public sealed record FundRollUp(
    string Unit,
    int Units,
    SourceAmounts Granted,
    SourceAmounts Paid,
    SourceAmounts Reserved,
    SourceAmounts Available,
    IReadOnlyList<CategoryTotal> Recipients,
    IReadOnlyList<GoodsTotal> Goods)
{
    public Money PaidTotal => Paid.Total;

    public int RecipientsTotal => Recipients.Sum(r => r.Recipients);

    /// <summary>Walks the subtree: every account for money, every paid case at its branches for recipients and goods.</summary>
    public static async Task<FundRollUp> Build(IGrainFactory grains, Guid programme, OrgCode root)
    {
        var granted = SourceAmounts.None;
        var paid = SourceAmounts.None;
        var reserved = SourceAmounts.None;
        var available = SourceAmounts.None;
        var byCategory = new Dictionary<string, (int Count, Money Amount)>();
        var goods = new Dictionary<(string Item, string Unit), (long Quantity, Money Value)>();
        var units = 0;
        await foreach (var unit in OrgSubtree.Walk(grains, root))
        {
            units++;
            var account = grains.GetGrain<IAccountGrain>(AccountKeys.For(programme, unit.Value));
            var ledger = await account.Ledger();
            var balances = AccountBalances.Of(ledger);
            granted += ledger.Where(e => e.Kind == LedgerEntryKind.Grant).Aggregate(SourceAmounts.None, (sum, e) => sum + e.Amounts);
            paid += balances.Disbursed;
            reserved += balances.Reserved;
            available += balances.Available;
            foreach (var payment in ledger.Where(e => e.Kind == LedgerEntryKind.Disbursed))
            {
                var paidCase = await grains.GetGrain<ICaseGrain>(Guid.Parse(payment.Counterpart!)).Describe();
                var category = paidCase!.Applicant.Category;
                var (count, amount) = byCategory.GetValueOrDefault(category);
                byCategory[category] = (count + 1, amount + payment.Amounts.Total);
                foreach (var item in paidCase.Goods)
                {
                    var (quantity, value) = goods.GetValueOrDefault((item.Name, item.Unit));
                    goods[(item.Name, item.Unit)] = (quantity + item.Quantity, value + new Money(item.UnitValue.Fen * item.Quantity));
                }
            }
        }
        return new FundRollUp(root.Value, units, granted, paid, reserved, available,
            byCategory.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new CategoryTotal(c.Key, c.Value.Count, c.Value.Amount)).ToList(),
            goods.OrderBy(g => g.Key.Item, StringComparer.Ordinal).Select(g => new GoodsTotal(g.Key.Item, g.Key.Unit, g.Value.Quantity, g.Value.Value)).ToList());
    }

    public string ToCsv()
    {
        var csv = new StringBuilder("section,key,source_or_unit,quantity,amount_yuan\n");
        foreach (var (name, amounts) in new[] { ("granted", Granted), ("paid", Paid), ("reserved", Reserved), ("available", Available) })
        {
            foreach (var source in SourceAmounts.Sources.Where(s => amounts[s].Fen != 0))
            {
                csv.Append(CultureInfo.InvariantCulture, $"money,{name},{source},,{amounts[source]}\n");
            }
            csv.Append(CultureInfo.InvariantCulture, $"money,{name},total,,{amounts.Total}\n");
        }
        foreach (var category in Recipients)
        {
            csv.Append(CultureInfo.InvariantCulture, $"recipients,{category.Category},,{category.Recipients},{category.Paid}\n");
        }
        foreach (var item in Goods)
        {
            csv.Append(CultureInfo.InvariantCulture, $"goods,{item.Item},{item.Unit},{item.Quantity},{item.Value}\n");
        }
        return csv.ToString();
    }
}

public sealed record CategoryTotal(string Category, int Recipients, Money Paid);

public sealed record GoodsTotal(string Item, string Unit, long Quantity, Money Value);
