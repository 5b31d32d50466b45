using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Relief.Api.Acting;
using Relief.Api.Common;
using Relief.Workflows;
using Relief.Workflows.Cases;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Programmes;

namespace Relief.Api.Funds;

/// <summary>
/// Before the festival, what has not reached households yet; after the season, the public account of the fund.
/// Both summed from the ledger's rows (ADR 21).
/// </summary>
public static class FundOutlookEndpoints
{
    public static RouteGroupBuilder MapFundOutlookEndpoints(this RouteGroupBuilder programmes)
    {
        programmes.MapGet("/{id:guid}/orgunits/{code}/unreached", Unreached).ReadsUnit().ForExistingProgramme().ForExistingUnit()
            .WithSummary("What has not reached households in the unit's subtree, level by level: money and goods in transit, held, set aside and unpaid; the days left to the last payment day.");
        programmes.MapGet("/{id:guid}/orgunits/{code}/disclosure", Disclosure).ReadsUnit().ForExistingProgramme().ForExistingUnit()
            .WithSummary("The year-end public account of the programme's fund at the unit (收支公开): income by source, spending by category and goods, returned up, left (format=csv for a file).");
        return programmes;
    }

    private static async Task<IResult> Unreached(Guid id, string code, IGrainFactory grains, ILedgerRows rows, ReliefClock clock)
    {
        if (!OrgCode.TryParse(code, out var root, out var problem))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [problem] });
        }
        var terms = (await grains.GetGrain<IProgrammeGrain>(id).Describe())!.Terms;
        var totals = await rows.TotalsByLevel(new LedgerQuery(id, root.Value, Subtree: true));
        var unreached = Workflows.Funds.Unreached.Of(root, terms.LastPaymentDay, CaseClock.Today(clock), totals);
        return TypedResults.Ok(new
        {
            unit = unreached.Unit,
            unitName = (await UnitNames.Of(grains, [unreached.Unit])).GetValueOrDefault(unreached.Unit),
            unreached.LastPaymentDay,
            unreached.DaysLeft,
            total = unreached.Total,
            levels = unreached.Levels.Select(l => new
            {
                level = l.Level,
                total = l.Total,
                inTransit = l.InTransit,
                held = l.Held,
                reservedUnpaid = l.ReservedUnpaid,
                goods = l.Goods.Select(g => new { g.Item, g.Unit, inTransit = Lot(g.InTransit), onHand = Lot(g.OnHand), setAside = Lot(g.SetAside) }),
            }),
        });
    }

    private static async Task<IResult> Disclosure(Guid id, string code, string? format, IGrainFactory grains, ILedgerRows rows)
    {
        var errors = new Dictionary<string, string[]>();
        if (!OrgCode.TryParse(code, out var root, out var problem))
        {
            errors["code"] = [problem];
        }
        if (format is not (null or "csv" or "json"))
        {
            errors["format"] = ["csv for a file, or json (the default)"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var disclosure = FundDisclosure.Of(root.Value, await rows.Totals(new LedgerQuery(id, root.Value)),
            await rows.Totals(new LedgerQuery(id, root.Value, Subtree: true)));
        var terms = (await grains.GetGrain<IProgrammeGrain>(id).Describe())!.Terms;
        var programme = terms.Name;
        var unitName = (await UnitNames.Of(grains, [root.Value])).GetValueOrDefault(root.Value);
        if (format == "csv")
        {
            return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv(disclosure))).ToArray(), "text/csv; charset=utf-8",
                $"disclosure-{root.Value}.csv");
        }
        return TypedResults.Ok(new
        {
            programme,
            unit = disclosure.Unit,
            unitName,
            income = disclosure.Income,
            fromAbove = disclosure.FromAbove,
            raised = disclosure.Raised,
            paid = disclosure.Paid.Select(c => new { c.Category, categoryName = terms.Category(c.Category)?.Name, c.Recipients, amount = c.Paid.Total, bySource = c.Paid }),
            paidTotal = disclosure.PaidTotal,
            spentOnGoods = disclosure.SpentOnGoods,
            returnedUp = disclosure.ReturnedUp,
            left = disclosure.Left,
            goods = disclosure.Goods.Select(g => new
            {
                g.Item, g.Unit, fromAbove = Lot(g.FromAbove), bought = Lot(g.Bought), donated = Lot(g.Donated), issued = Lot(g.Issued), left = Lot(g.Left),
            }),
            balances = disclosure.Balances,
        });
    }

    private static object Lot(GoodsLot lot) => new { quantity = lot.Quantity, value = lot.Value.Total, bySource = lot.Value };

    /// <summary>One line per figure: section, what, funding source (or total), quantity, yuan.</summary>
    private static string Csv(FundDisclosure d)
    {
        var csv = new StringBuilder("section,item,source,quantity,amount_yuan\n");
        void Money(string section, string item, SourceAmounts amounts, long? quantity = null)
        {
            foreach (var source in SourceAmounts.Sources.Where(s => amounts[s].Fen != 0))
            {
                csv.Append(CultureInfo.InvariantCulture, $"{section},{item},{source},,{amounts[source]}\n");
            }
            csv.Append(CultureInfo.InvariantCulture, $"{section},{item},total,{quantity},{amounts.Total}\n");
        }
        Money("income", "from_above", d.FromAbove);
        Money("income", "raised", d.Raised);
        foreach (var category in d.Paid)
        {
            Money("paid", category.Category, category.Paid, category.Recipients);
        }
        foreach (var goods in d.Goods)
        {
            Money("goods_issued", $"{goods.Item}({goods.Unit})", goods.Issued.Value, goods.Issued.Quantity);
            Money("goods_left", $"{goods.Item}({goods.Unit})", goods.Left.Value, goods.Left.Quantity);
        }
        Money("spent_on_goods", "", d.SpentOnGoods);
        Money("returned_up", "", d.ReturnedUp);
        Money("left", "", d.Left);
        return csv.ToString();
    }
}
