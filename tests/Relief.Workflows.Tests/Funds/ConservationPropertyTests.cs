using CsCheck;
using Relief.Workflows.Funds;

namespace Relief.Workflows.Tests.Funds;

/// <summary>
/// Random sequences of grants, allocations (with and without confirmed receipt), reclaims, approvals
/// (reservations), rejections (releases) and payments, repeated payments included, over a national unit, a
/// province and two branches. After every step: each book is sound and agrees with its ledger, money is
/// conserved per source across the tree, and no case is paid twice.
/// </summary>
public class ConservationPropertyTests
{
    private static readonly string[] Units = ["CN", "CN-44", "CN-44-03-05-0001", "CN-44-03-05-0002"];
    private static readonly Dictionary<string, string> Parent = new() { ["CN-44"] = "CN", ["CN-44-03-05-0001"] = "CN-44", ["CN-44-03-05-0002"] = "CN-44" };

    private sealed record Step(int Kind, int Unit, int Other, long Fen, int Case);

    private static readonly Gen<Step> Steps = Gen.Select(Gen.Int[0, 7], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Long[1, 5_000_000], Gen.Int[0, 11])
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
        foreach (var step in steps)
        {
            var unit = Units[step.Unit];
            var amount = new Money(step.Fen);
            var caseId = new Guid(step.Case, 0, 0, new byte[8]);
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
                    books[unit].Reserve(caseId, amount, "困难职工", Move());
                    break;
                case 5:
                    books[unit].Release(caseId, Move());
                    break;
                default:
                    books[unit].Disburse(caseId, "ref", Move());
                    break;
            }
            Check(books, grants);
        }
    }

    private static void Check(Dictionary<string, AccountBook> books, SourceAmounts grants)
    {
        var held = SourceAmounts.None;
        foreach (var (unit, book) in books)
        {
            Assert.Null(book.Balances.Fault());
            Assert.Equal(AccountBalances.Of(book.Unstored), book.Balances);
            var b = book.Balances;
            Assert.Equal(b.Received, b.AllocatedDown + b.Reserved + b.Disbursed + b.ReturnedUp + b.Available);
            held += b.Available + b.Reserved + b.Disbursed + b.InTransit;
            Assert.All(book.Unstored.Where(e => e.Kind == LedgerEntryKind.Disbursed).GroupBy(e => e.Counterpart), paid => Assert.Single(paid));
        }
        // Every fen granted is somewhere: available, set aside, paid, or on its way down.
        Assert.Equal(grants, held);
    }

    private static IEnumerable<string> Children(string unit) => Parent.Where(p => p.Value == unit).Select(p => p.Key);

    private static Movement Move() => new(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "finance");
}
