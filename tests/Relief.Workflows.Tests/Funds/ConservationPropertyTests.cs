using CsCheck;
using Relief.Workflows.Funds;

namespace Relief.Workflows.Tests.Funds;

/// <summary>
/// Random sequences of grants, allocations (with and without confirmed receipt, one by one or by plans among every
/// child, each plan carried out twice), reclaims, approvals
/// (reservations, with goods or without), rejections (releases) and payments, repeated payments included, and goods
/// bought, donated, passed down and issued, over a national unit, a province and two branches. After every step:
/// each book is sound and agrees with its ledger, money is conserved per source across the tree (what was spent on
/// goods included), every item's quantity and value bought or donated is somewhere in the tree, and no case is paid
/// twice.
/// </summary>
public class ConservationPropertyTests
{
    private static readonly string[] Units = ["CN", "CN-44", "CN-44-03-05-0001", "CN-44-03-05-0002"];
    private static readonly Dictionary<string, string> Parent = new() { ["CN-44"] = "CN", ["CN-44-03-05-0001"] = "CN-44", ["CN-44-03-05-0002"] = "CN-44" };

    private sealed record Step(int Kind, int Unit, int Other, long Fen, int Case);

    private static readonly ItemCount[] Items = [new("大米", "袋", 0), new("棉被", "床", 0)];

    private static readonly Gen<Step> Steps = Gen.Select(Gen.Int[0, 12], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Long[1, 5_000_000], Gen.Int[0, 11])
        .Select((kind, unit, other, fen, @case) => new Step(kind, unit, other, fen, @case));

    [Fact]
    public void No_sequence_breaks_conservation_overdraws_or_pays_twice()
    {
        Steps.Array[1, 120].Sample(Run, iter: 400);
    }

    private static void Run(Step[] steps)
    {
        var books = Units.ToDictionary(u => u, _ => new AccountBook());
        var pending = new List<(string Child, Guid Allocation)>();
        var grants = SourceAmounts.None;
        var brought = Items.ToDictionary(i => i.Item, _ => GoodsLot.None);
        foreach (var step in steps)
        {
            var unit = Units[step.Unit];
            var amount = new Money(step.Fen);
            var caseId = new Guid(step.Case, 0, 0, new byte[8]);
            var item = Items[step.Other % Items.Length] with { Quantity = (step.Fen % 40) + 1 };
            switch (step.Kind)
            {
                case 0:
                    var source = (FundingSource)(step.Other % 5);
                    if (books[unit].Grant(source, amount, "捐助方", Move()).IsNew)
                    {
                        grants += SourceAmounts.Of(source, amount);
                    }
                    break;
                case 1 when Children(unit).ToList() is { Count: > 0 } children:
                    var child = children[step.Other % children.Count];
                    var allocation = Move();
                    if (books[unit].AllocateOut(child, amount, null, allocation) is { IsNew: true, Entry: { } sent })
                    {
                        books[child].ReceiveAllocation(unit, sent.Amounts, allocation);
                        pending.Add((child, allocation.Id));
                    }
                    break;
                case 2 when pending.Count > 0:
                    var (confirmer, id) = pending[step.Other % pending.Count];
                    books[confirmer].ConfirmReceipt(id, Move());
                    pending.RemoveAll(p => p.Allocation == id);
                    break;
                case 3 when Parent.TryGetValue(unit, out var parent):
                    var back = Move();
                    if (books[unit].GiveBack(parent, amount, back) is { IsNew: true, Entry: { } returned })
                    {
                        Assert.True(books[parent].ReturnedFromChild(unit, returned.Amounts, back).Accepted);
                    }
                    break;
                case 4:
                    books[unit].Reserve(caseId, amount, "困难职工", Move(), step.Other % 2 == 0 ? [item with { Quantity = item.Quantity % 3 + 1 }] : null);
                    break;
                case 5:
                    books[unit].Release(caseId, Move());
                    break;
                case 6 or 7:
                    books[unit].Disburse(caseId, "ref", Move(), issueGoods: step.Kind == 6);
                    break;
                case 8:
                    if (books[unit].BuyGoods(item, new Money(step.Fen / 10 + 1), null, Move()) is { IsNew: true, Entry: { } bought })
                    {
                        brought[item.Item] += new GoodsLot(item.Quantity, bought.Amounts);
                    }
                    break;
                case 9:
                    if (books[unit].DonateGoods(item, amount, "爱心企业", Move()) is { IsNew: true, Entry: { } given })
                    {
                        brought[item.Item] += new GoodsLot(item.Quantity, given.Amounts);
                    }
                    break;
                case 10 when Children(unit).ToList() is { Count: > 0 } receivers:
                    var receiver = receivers[step.Case % receivers.Count];
                    var passed = Move();
                    if (books[unit].AllocateGoodsOut(receiver, item, passed) is { IsNew: true, Entry: { } down })
                    {
                        books[receiver].ReceiveGoods(unit, new ItemLot(item.Item, item.Unit, new GoodsLot(item.Quantity, down.Amounts)), passed);
                        // Delivered twice, moved once.
                        Assert.False(books[receiver].ReceiveGoods(unit, new ItemLot(item.Item, item.Unit, new GoodsLot(item.Quantity, down.Amounts)), passed).IsNew);
                        pending.Add((receiver, passed.Id));
                    }
                    break;
                case 11:
                    books[unit].IssueGoods(caseId, Move());
                    break;
                case 12 when Children(unit).ToList() is { Count: > 0 } planned:
                    // An allocation plan among every child (one naming its sources), carried out twice: moved once.
                    var plan = Guid.NewGuid();
                    var shares = planned.Select((c, i) => new PlanShare(c, new Money(step.Fen / (i + 2)),
                        i == 0 && step.Other % 2 == 0 ? SourceAmounts.Of((FundingSource)(step.Case % 5), new Money(step.Fen / 2)) : null)).ToList();
                    var planMove = new Movement(plan, DateTimeOffset.UnixEpoch, "finance");
                    var carried = books[unit].AllocatePlan(plan, shares, planMove);
                    var again = books[unit].AllocatePlan(plan, shares, planMove);
                    Assert.False(again.IsNew);
                    Assert.Equal(carried.Allocations, again.Allocations);
                    if (carried.IsNew)
                    {
                        foreach (var (share, allocated) in carried.Allocations)
                        {
                            var entry = books[unit].Unstored.Single(e => e.Id == allocated);
                            books[share].ReceiveAllocation(unit, entry.Amounts, new Movement(allocated, DateTimeOffset.UnixEpoch, "finance"));
                            pending.Add((share, allocated));
                        }
                    }
                    break;
            }
            Check(books, grants, brought);
        }
    }

    private static void Check(Dictionary<string, AccountBook> books, SourceAmounts grants, Dictionary<string, GoodsLot> brought)
    {
        var held = SourceAmounts.None;
        var goods = brought.Keys.ToDictionary(i => i, _ => GoodsLot.None);
        foreach (var (unit, book) in books)
        {
            Assert.Null(book.Balances.Fault());
            Assert.Equal(AccountBalances.Of(book.Unstored), book.Balances);
            var b = book.Balances;
            held += b.Available + b.Reserved + b.Disbursed + b.InTransit + b.SpentOnGoods;
            Assert.All(book.Unstored.Where(e => e.Kind == LedgerEntryKind.Disbursed).GroupBy(e => e.Counterpart), paid => Assert.Single(paid));
            // The stock agrees with the goods entries, nothing of it is negative, and what is set aside is what the cases hold.
            var ledgerStock = StockLine.Of(book.Unstored);
            Assert.Equal(ledgerStock.OrderBy(s => s.Key), book.Stock.OrderBy(s => s.Key));
            Assert.All(book.Stock.Values, line => Assert.Null(line.Fault()));
            foreach (var (item, line) in book.Stock)
            {
                var heldForCases = book.CaseGoods.Values.SelectMany(lots => lots).Where(l => l.Item == item).Aggregate(GoodsLot.None, (sum, l) => sum + l.Lot);
                Assert.Equal(line.SetAside, heldForCases);
                goods[item] += line.OnHand + line.SetAside + line.Issued + line.InTransit;
            }
        }
        // Every fen granted is somewhere: available, set aside, paid, spent on goods, or on its way down.
        Assert.Equal(grants, held);
        // Every item bought or donated is somewhere, by quantity and by value of each source: on hand, set aside, issued or on its way down.
        Assert.Equal(brought, goods);
    }

    private static IEnumerable<string> Children(string unit) => Parent.Where(p => p.Value == unit).Select(p => p.Key);

    private static Movement Move() => new(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "finance");
}
