using Relief.Workflows.Common;

namespace Relief.Workflows.Funds;

/// <summary>
/// One unit's account in one programme (key <c>account/{programme}/{unit}</c>): money by funding source and the
/// ledger it is derived from. Money moving between accounts is written by the sender first and then delivered;
/// a delivery that fails stays in the sender's outbox and is retried by a reminder until the receiver has it
/// (receivers apply each movement id once).
/// </summary>
[Alias("Relief.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    [Alias("Grant")]
    Task<LedgerResult> Grant(FundingSource source, Money amount, string? donor, Actor actor);

    /// <summary>Money down to a direct child, by the sources named or in proportion to what is available.</summary>
    [Alias("Allocate")]
    Task<LedgerResult> Allocate(string childCode, Money amount, SourceAmounts? sources, Actor actor);

    /// <summary>
    /// An approved allocation plan carried out: every child's share allocated at once, or nothing when the unit cannot
    /// cover the whole plan by source; asked again, the same allocations and nothing more.
    /// </summary>
    [Alias("AllocatePlan")]
    Task<PlanAllocation> AllocatePlan(Guid planId, IReadOnlyList<PlanShare> shares, Actor actor);

    [Alias("ConfirmReceipt")]
    Task<LedgerResult> ConfirmReceipt(Guid allocationId, Actor actor);

    /// <summary>The parent takes money back from a child: only what the child has not passed on, reserved or paid.</summary>
    [Alias("Reclaim")]
    Task<LedgerResult> Reclaim(string childCode, Money amount, Actor actor);

    /// <summary>Unspent money goes back to the parent (at programme close).</summary>
    [Alias("ReturnToParent")]
    Task<LedgerResult> ReturnToParent(Money amount, Actor actor);

    /// <summary>
    /// Sets a finally approved case's amount aside at its branch (its recipient category goes on the entry), and its
    /// goods from the branch's stock; refused whole when the branch lacks either.
    /// </summary>
    [Alias("Reserve")]
    Task<LedgerResult> Reserve(Guid caseId, Money amount, string? category, IReadOnlyList<ItemCount> goods, Actor actor);

    [Alias("Release")]
    Task<LedgerResult> Release(Guid caseId, Actor actor);

    /// <summary>Pays a reserved case (and issues its goods, unless a hand-over task will); paying it again returns the first payment.</summary>
    [Alias("Disburse")]
    Task<LedgerResult> Disburse(Guid caseId, string reference, bool issueGoods, Actor actor);

    /// <summary>Hands a paid or approved case's goods set aside to the household; again, nothing more.</summary>
    [Alias("IssueGoods")]
    Task<LedgerResult> IssueGoods(Guid caseId, string? note, Actor actor);

    /// <summary>Goods bought with this unit's money (by the sources named, or in proportion to what is available).</summary>
    [Alias("BuyGoods")]
    Task<LedgerResult> BuyGoods(ItemCount item, Money cost, SourceAmounts? sources, string? supplier, Actor actor);

    /// <summary>Goods donated in kind, valued at what the donation states, with its donor.</summary>
    [Alias("DonateGoods")]
    Task<LedgerResult> DonateGoods(ItemCount item, Money value, string donor, Actor actor);

    /// <summary>Goods down to a direct child, in transit until the child confirms receipt (as money is).</summary>
    [Alias("AllocateGoods")]
    Task<LedgerResult> AllocateGoods(string childCode, ItemCount item, Actor actor);

    /// <summary>Where one case's money stands in this book: asked by a case putting its records right after a fault.</summary>
    [Alias("MoneyOf")]
    Task<CaseMoney> MoneyOf(Guid caseId);

    [Alias("Describe")]
    Task<AccountView> Describe();

    /// <summary>The whole ledger, from its rows: for tests and small accounts; the reports read <see cref="ILedgerRows"/> directly.</summary>
    [Alias("Ledger")]
    Task<IReadOnlyList<LedgerEntry>> Ledger();

    /// <summary>Cases whose money is reserved here and not paid: what is left unpaid.</summary>
    [Alias("Unpaid")]
    Task<IReadOnlyDictionary<Guid, SourceAmounts>> Unpaid();

    /// <summary>Cases finally approved at this branch and still holding its money: reserved or paid (what a spot check draws from).</summary>
    [Alias("ApprovedCases")]
    Task<IReadOnlyList<Guid>> ApprovedCases();

    // Between accounts only.
    [Alias("AcceptAllocation")]
    Task AcceptAllocation(string parentCode, SourceAmounts amounts, Movement movement);

    [Alias("AcceptGoods")]
    Task AcceptGoods(string parentCode, ItemLot goods, Movement movement);

    [Alias("SurrenderToParent")]
    Task<LedgerResult> SurrenderToParent(Money amount, Movement movement);

    [Alias("AcceptReturn")]
    Task AcceptReturn(string childCode, SourceAmounts amounts, Movement movement);

    [Alias("AcceptConfirmation")]
    Task AcceptConfirmation(Guid allocationId);

    [Alias("Delivered")]
    Task Delivered(Guid movementId);
}

/// <summary>The answer of an account: the entry written (or found), or why nothing moved.</summary>
[GenerateSerializer, Immutable, Alias("Relief.LedgerResult")]
public sealed record LedgerResult(
    [property: Id(0)] CommandResult Result,
    [property: Id(1)] LedgerEntry? Entry)
{
    public static LedgerResult From(LedgerOutcome outcome) => outcome.Accepted
        ? new LedgerResult(CommandResult.Done, outcome.Entry)
        : new LedgerResult(CommandResult.Conflict(outcome.Refusal!), null);

    public static LedgerResult Refused(CommandResult result) => new(result, null);
}

/// <summary>An account as the finance pages show it: balances by source, in transit both ways, available.</summary>
[GenerateSerializer, Immutable, Alias("Relief.AccountView")]
public sealed record AccountView(
    [property: Id(0)] AccountBalances Balances,
    [property: Id(1)] SourceAmounts Available,
    [property: Id(2)] SourceAmounts InTransitToChildren,
    [property: Id(3)] IReadOnlyList<Guid> AwaitingReceipt,
    [property: Id(4)] int Entries,
    [property: Id(5)] IReadOnlyDictionary<string, StockLine>? Stock = null);

/// <summary>The key scheme of account grains.</summary>
public static class AccountKeys
{
    public static string For(Guid programmeId, string unitCode) => $"account/{programmeId:N}/{unitCode}";

    public static (Guid ProgrammeId, string UnitCode) Parse(string key)
    {
        var parts = key.Split('/');
        return (Guid.Parse(parts[1]), parts[2]);
    }
}

/// <summary>Where a case's money stands in its branch's book.</summary>
public enum CaseMoney
{
    None,
    Reserved,
    Paid,
}
