using Relief.Api.Acting;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Relief.Api.Common;
using Relief.Workflows;
using Relief.Workflows.Cases;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Programmes;

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

    private static async Task<IResult> Statement(Guid id, string code, DateTimeOffset? from, DateTimeOffset? to, IGrainFactory grains, ILedgerRows rows,
        ReliefClock clock)
    {
        var errors = new Dictionary<string, string[]>();
        if (!OrgCode.TryParse(code, out var unit, out var problem))
        {
            errors["code"] = [problem];
        }
        var now = clock.GetUtcNow();
        var end = to ?? now.AddSeconds(1);
        var start = from ?? DateTimeOffset.UnixEpoch;
        if (start >= end)
        {
            errors["from"] = ["the period starts before it ends"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var before = await rows.Totals(new LedgerQuery(id, unit.Value, To: start));
        var during = await rows.Totals(new LedgerQuery(id, unit.Value, From: start, To: end));
        // A period that runs to now closes on what the account's state holds; an earlier one on its rows before the end.
        var closing = end > now
            ? (await grains.GetGrain<IAccountGrain>(AccountKeys.For(id, unit.Value)).Describe()).Balances
            : AccountBalances.Of(await rows.Totals(new LedgerQuery(id, unit.Value, To: end)));
        var statement = AccountStatement.For(before, during, closing, start, end);
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

    private static async Task<IResult> Trace(Guid id, IGrainFactory grains, ILedgerRows rows)
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
            chain.Add((code, (await rows.Entries(new LedgerQuery(view.ProgrammeId, code.Value, Kinds: TraceKinds), 0, int.MaxValue)).Items));
        }
        var ofCase = await rows.Entries(new LedgerQuery(view.ProgrammeId, view.BranchCode, Kinds: [LedgerEntryKind.Disbursed, LedgerEntryKind.GoodsIssued], CaseId: id),
            0, int.MaxValue);
        var payment = ofCase.Items.Single(e => e.Kind == LedgerEntryKind.Disbursed);
        return TypedResults.Ok(MoneyTrace.For(id, payment.Amounts, chain).WithGoods(ofCase.Items, chain));
    }

    // What a trail follows up the chain: where money and goods entered (grants, goods bought or donated) and how they
    // came down (allocations in).
    private static readonly LedgerEntryKind[] TraceKinds =
        [LedgerEntryKind.Grant, LedgerEntryKind.AllocationIn, LedgerEntryKind.GoodsBought, LedgerEntryKind.GoodsDonated, LedgerEntryKind.GoodsAllocationIn];

    private static async Task<IResult> RollUp(Guid id, string code, string? format, IGrainFactory grains, ILedgerRows rows)
    {
        if (!OrgCode.TryParse(code, out var root, out var problem))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [problem] });
        }
        if (await grains.GetGrain<IOrgUnitGrain>(root.Value).Describe() is null)
        {
            return CommandResults.Problem(StatusCodes.Status404NotFound, "Org unit not found", $"No org unit has the code {root}.");
        }
        var rollUp = await FundRollUp.Build(grains, rows, id, root);
        return format == "csv"
            ? TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(rollUp.ToCsv())).ToArray(), "text/csv; charset=utf-8", $"rollup-{root}.csv")
            : TypedResults.Ok(rollUp);
    }

    private static async Task<IResult> Unpaid(Guid id, string code, int? offset, int? limit, ILedgerRows rows)
    {
        if (UnitPageRequest.Read(code, offset, limit, out var root, out var page) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var unpaid = await rows.Unpaid(id, root.Value, page.Offset, page.Limit);
        return TypedResults.Ok(new Page<object>(
            [.. unpaid.Items.Select(c => (object)new { c.CaseId, branch = c.Branch, c.Category, amount = c.Amounts.Total, bySource = c.Amounts })],
            unpaid.Total, page.Offset, page.Limit));
    }

    private static object Balances(AccountBalances b) => new
    {
        received = b.Received,
        inTransit = b.InTransit,
        allocatedDown = b.AllocatedDown,
        reserved = b.Reserved,
        paid = b.Disbursed,
        returned = b.ReturnedUp,
        spentOnGoods = b.SpentOnGoods,
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

    /// <summary>
    /// Sums the subtree's ledger rows: money by source, recipients by category (each payment's entry carries its case's
    /// category), goods issued to households by item, value and source. A programme that keeps no stock (the first
    /// season's) has its goods only on its cases: those are read from the paid cases themselves.
    /// </summary>
    public static async Task<FundRollUp> Build(IGrainFactory grains, ILedgerRows rows, Guid programme, OrgCode root)
    {
        var query = new LedgerQuery(programme, root.Value, Subtree: true);
        var totals = await rows.Totals(query);
        var balances = AccountBalances.Of(totals);
        var granted = totals.Where(t => t.Kind == LedgerEntryKind.Grant).Aggregate(SourceAmounts.None, (sum, t) => sum + t.Amounts);
        var recipients = totals.Where(t => t.Kind == LedgerEntryKind.Disbursed).GroupBy(t => t.Category ?? "").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CategoryTotal(g.Key, (int)g.Sum(t => t.Entries), g.Aggregate(Money.Zero, (sum, t) => sum + t.Amounts.Total)))
            .ToList();
        var keepsStock = (await grains.GetGrain<IProgrammeGrain>(programme).Describe())?.Terms.KeepsStock == true;
        var goods = keepsStock
            ? [.. totals.Where(t => t.Kind == LedgerEntryKind.GoodsIssued).OrderBy(t => t.Item, StringComparer.Ordinal)
                .Select(t => new GoodsTotal(t.Item!, t.ItemUnit!, t.Quantity, t.Amounts.Total, t.Amounts))]
            : await GoodsOfPaidCases(grains, rows, query);
        return new FundRollUp(root.Value, await rows.Accounts(query), granted, balances.Disbursed, balances.Reserved, balances.Available, recipients, goods);
    }

    private static async Task<List<GoodsTotal>> GoodsOfPaidCases(IGrainFactory grains, ILedgerRows rows, LedgerQuery query)
    {
        var goods = new Dictionary<(string Item, string Unit), (long Quantity, Money Value)>();
        foreach (var payment in (await rows.Entries(query with { Kinds = [LedgerEntryKind.Disbursed] }, 0, int.MaxValue)).Items)
        {
            foreach (var item in (await grains.GetGrain<ICaseGrain>(payment.CaseId!.Value).Describe())!.Goods)
            {
                var (quantity, value) = goods.GetValueOrDefault((item.Name, item.Unit));
                goods[(item.Name, item.Unit)] = (quantity + item.Quantity, value + new Money(item.UnitValue.Fen * item.Quantity));
            }
        }
        return [.. goods.OrderBy(g => g.Key.Item, StringComparer.Ordinal).Select(g => new GoodsTotal(g.Key.Item, g.Key.Unit, g.Value.Quantity, g.Value.Value, null))];
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
            foreach (var source in SourceAmounts.Sources.Where(s => item.BySource is { } bySource && bySource[s].Fen != 0))
            {
                csv.Append(CultureInfo.InvariantCulture, $"goods_by_source,{item.Item},{source},{item.Unit},{item.BySource![source]}\n");
            }
        }
        return csv.ToString();
    }
}

public sealed record CategoryTotal(string Category, int Recipients, Money Paid);

/// <summary>Goods issued to households: how many, their value, and (when the programme keeps stock) that value by funding source.</summary>
public sealed record GoodsTotal(string Item, string Unit, long Quantity, Money Value, SourceAmounts? BySource);
