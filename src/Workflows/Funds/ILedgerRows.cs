namespace Relief.Workflows.Funds;

/// <summary>
/// Which ledger rows of a programme to read: one account's (<see cref="Unit"/>) or a whole subtree's, optionally of
/// some kinds only, in a period [<see cref="From"/>, <see cref="To"/>), for one case.
/// </summary>
public sealed record LedgerQuery(
    Guid ProgrammeId,
    string Unit,
    bool Subtree = false,
    IReadOnlyCollection<LedgerEntryKind>? Kinds = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    Guid? CaseId = null);

/// <summary>The entries of one kind (and category, and item of goods) summed: how many, what quantity, how much by source.</summary>
[GenerateSerializer, Immutable, Alias("Relief.LedgerTotal")]
public sealed record LedgerTotal(
    [property: Id(0)] LedgerEntryKind Kind,
    [property: Id(1)] string? Category,
    [property: Id(2)] string? Item,
    [property: Id(3)] string? ItemUnit,
    [property: Id(4)] long Entries,
    [property: Id(5)] long Quantity,
    [property: Id(6)] SourceAmounts Amounts);

public sealed record LedgerPage(IReadOnlyList<LedgerEntry> Items, int Total);

/// <summary>The entries of the accounts at one level of a subtree, summed by kind and item.</summary>
public sealed record LevelTotal(Hierarchy.OrgLevel Level, LedgerTotal Total);

/// <summary>A case whose money is set aside at its branch and neither paid nor released.</summary>
public sealed record UnpaidCase(Guid CaseId, string Branch, string? Category, SourceAmounts Amounts);

public sealed record UnpaidPage(IReadOnlyList<UnpaidCase> Items, int Total);

/// <summary>
/// The ledger as rows (ADR 21): every entry of every account, written with the account's state, read here by the
/// reports without asking any grain. What an acknowledged operation wrote is here; nothing else is.
/// </summary>
public interface ILedgerRows
{
    /// <summary>The entries asked for, in each account's order (by unit, then by place in its ledger).</summary>
    Task<LedgerPage> Entries(LedgerQuery query, int offset, int limit);

    /// <summary>One entry of one account by its id (a movement repeated after its first entry was stored).</summary>
    Task<LedgerEntry?> Entry(Guid programmeId, string unit, Guid entryId);

    /// <summary>The entries asked for summed by kind, category and item.</summary>
    Task<IReadOnlyList<LedgerTotal>> Totals(LedgerQuery query);

    /// <summary>The entries asked for summed by level of the hierarchy, kind and item (the category left out).</summary>
    Task<IReadOnlyList<LevelTotal>> TotalsByLevel(LedgerQuery query);

    /// <summary>How many accounts of the query's unit (or subtree) have any entry.</summary>
    Task<int> Accounts(LedgerQuery query);

    /// <summary>Cases of a unit's subtree whose last entry is their reservation: set aside, not paid, not released.</summary>
    Task<UnpaidPage> Unpaid(Guid programmeId, string root, int offset, int limit);
}
