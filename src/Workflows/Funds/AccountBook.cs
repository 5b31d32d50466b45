namespace Relief.Workflows.Funds;

/// <summary>
/// The book of one unit's account in one programme: its balances and what it decides by (receipts awaited, what
/// each child holds of it, reservations, payments), and the entries it appended since it was last stored. Every
/// operation checks first and changes nothing when it refuses; every accepted one appends exactly one entry. The
/// entries themselves are rows, written with the state that follows them (ADR 21): the book no longer grows with
/// its ledger. Plain data with rules, so the account grain persists it and tests exercise it without a silo.
/// </summary>
[GenerateSerializer, Alias("Relief.AccountBook")]
public sealed partial class AccountBook
{
    /// <summary>The whole ledger as the state held it before schema 10; moved into rows at the account's next activation.</summary>
    [Id(0)] public List<LedgerEntry> LedgerBeforeRows { get; set; } = [];
    [Id(1)] public AccountBalances Balances { get; set; } = AccountBalances.Empty;

    /// <summary>Allocations from the parent not yet confirmed, by allocation id.</summary>
    [Id(2)] public Dictionary<Guid, SourceAmounts> PendingReceipts { get; set; } = [];

    /// <summary>What this unit has allocated to each child, net of what came back.</summary>
    [Id(3)] public Dictionary<string, SourceAmounts> ToChildren { get; set; } = [];

    /// <summary>What came from the parent, net of what went back: the most a reclaim can take.</summary>
    [Id(4)] public SourceAmounts FromParent { get; set; } = SourceAmounts.None;

    /// <summary>Reservations of cases not yet paid or released, by case id.</summary>
    [Id(5)] public Dictionary<Guid, SourceAmounts> Reservations { get; set; } = [];

    /// <summary>The disbursement entry of every paid case: a case is paid once.</summary>
    [Id(6)] public Dictionary<Guid, Guid> Payments { get; set; } = [];

    /// <summary>
    /// Ids of the movements other accounts sent here or asked of this one (allocations in, returns either way), so a
    /// message delivered twice moves money once. Movements this account starts itself get a fresh id each time.
    /// </summary>
    [Id(7)] public HashSet<Guid> Applied { get; set; } = [];

    /// <summary>How many entries the ledger has: the last entry's <see cref="LedgerEntry.Seq"/>.</summary>
    [Id(8)] public long Entries { get; set; }

    /// <summary>The recipient category of each reserved case, carried onto its payment's entry.</summary>
    [Id(9)] public Dictionary<Guid, string> ReservedCategories { get; set; } = [];

    /// <summary>Goods in kind held here, by item.</summary>
    [Id(10)] public Dictionary<string, StockLine> Stock { get; set; } = [];

    /// <summary>Goods from the parent not yet confirmed, by allocation id.</summary>
    [Id(11)] public Dictionary<Guid, ItemLot> PendingGoodsReceipts { get; set; } = [];

    /// <summary>The goods set aside for each approved case and not yet issued or released.</summary>
    [Id(12)] public Dictionary<Guid, List<ItemLot>> CaseGoods { get; set; } = [];

    // Not part of the state: made anew for each activation (a deserialized book has none).
    [NonSerialized] private List<LedgerEntry>? _unstored;

    /// <summary>Entries appended since the state was last stored: the storage writes them as rows with it.</summary>
    public List<LedgerEntry> Unstored => _unstored ??= [];

    /// <summary>The state was stored with its new entries.</summary>
    public void MarkStored() => Unstored.Clear();

    /// <summary>
    /// A state stored before schema 10 carries its whole ledger: the entries are numbered and handed to the storage
    /// as rows (written again harmlessly if the move is repeated), and only the movement ids other accounts may send
    /// again stay remembered. True when there was anything to move.
    /// </summary>
    public bool MoveLedgerIntoRows()
    {
        if (LedgerBeforeRows.Count == 0)
        {
            return false;
        }
        Unstored.AddRange(LedgerBeforeRows.Select((entry, i) => entry with { Seq = i + 1 }));
        Entries = LedgerBeforeRows.Count;
        Applied = [.. LedgerBeforeRows.Where(e => RemembersId(e.Kind)).Select(e => e.Id)];
        LedgerBeforeRows = [];
        return true;
    }

    public SourceAmounts Available => Balances.Available;

    public LedgerOutcome Grant(FundingSource source, Money amount, string? donor, Movement movement)
    {
        if (Known(movement) is { } done)
        {
            return done;
        }
        if (Problem(amount) is { } problem)
        {
            return LedgerOutcome.Refused(problem);
        }
        if (source == FundingSource.SocialDonation && string.IsNullOrWhiteSpace(donor))
        {
            return LedgerOutcome.Refused("a donation names its donor");
        }
        return Append(movement, LedgerEntryKind.Grant, SourceAmounts.Of(source, amount), donor, null);
    }

    /// <summary>Money down to a child: by the sources named, or in proportion to what is available.</summary>
    public LedgerOutcome AllocateOut(string child, Money amount, SourceAmounts? sources, Movement movement)
    {
        if (Known(movement) is { } done)
        {
            return done;
        }
        var split = sources ?? ProportionalSplit.Split(amount, Available);
        if (Problem(amount) is { } problem)
        {
            return LedgerOutcome.Refused(problem);
        }
        if (split is null || split.Total != amount || !split.IsNonNegative)
        {
            return LedgerOutcome.Refused($"the amount {amount} is more than the {Available.Total} available, or the sources named do not add up to it");
        }
        if (!split.FitsWithin(Available))
        {
            return LedgerOutcome.Refused($"not enough available by source: asked {split}, available {Available}");
        }
        ToChildren[child] = ToChildren.GetValueOrDefault(child, SourceAmounts.None) + split;
        return Append(movement, LedgerEntryKind.AllocationOut, split, child, null);
    }

    /// <summary>The child's side of an allocation: in transit until confirmed.</summary>
    public LedgerOutcome ReceiveAllocation(string parent, SourceAmounts amounts, Movement movement)
    {
        if (Known(movement) is { } done)
        {
            return done;
        }
        PendingReceipts[movement.Id] = amounts;
        FromParent += amounts;
        return Append(movement, LedgerEntryKind.AllocationIn, amounts, parent, null);
    }

    public LedgerOutcome ConfirmReceipt(Guid allocationId, Movement movement)
    {
        if (Known(movement) is { } done)
        {
            return done;
        }
        if (PendingGoodsReceipts.Remove(allocationId, out var goods))
        {
            return Append(movement, LedgerEntryKind.GoodsReceiptConfirmed, goods.Lot.Value, null, allocationId.ToString(), goods: goods.Line);
        }
        if (!PendingReceipts.Remove(allocationId, out var amounts))
        {
            return LedgerOutcome.Refused($"no allocation {allocationId} is waiting to be confirmed");
        }
        return Append(movement, LedgerEntryKind.ReceiptConfirmed, amounts, null, allocationId.ToString());
    }

    /// <summary>
    /// What this unit can give back up: what came from the parent and is still available (confirmed), by source.
    /// Money it passed on, reserved or paid cannot go back, nor its own grants.
    /// </summary>
    public SourceAmounts Returnable => SourceAmounts.Sources.Aggregate(SourceAmounts.None,
        (sum, s) => sum.With(s, new Money(Math.Max(0, Math.Min(Available[s].Fen, FromParent[s].Fen)))));

    /// <summary>Money back up to the parent (a reclaim, or unspent money at close), in proportion to what can go back.</summary>
    public LedgerOutcome GiveBack(string parent, Money amount, Movement movement)
    {
        if (Known(movement) is { } done)
        {
            return done;
        }
        if (Problem(amount) is { } problem)
        {
            return LedgerOutcome.Refused(problem);
        }
        if (ProportionalSplit.Split(amount, Returnable) is not { } split)
        {
            return LedgerOutcome.Refused($"only {Returnable.Total} can go back: what came from {parent} and is not passed on, reserved or paid");
        }
        FromParent -= split;
        return Append(movement, LedgerEntryKind.ReturnedUp, split, parent, null);
    }

    /// <summary>The parent's side of money coming back from a child.</summary>
    public LedgerOutcome ReturnedFromChild(string child, SourceAmounts amounts, Movement movement)
    {
        if (Known(movement) is { } done)
        {
            return done;
        }
        var net = ToChildren.GetValueOrDefault(child, SourceAmounts.None) - amounts;
        if (!net.IsNonNegative)
        {
            return LedgerOutcome.Refused($"{child} cannot return more than it was allocated");
        }
        ToChildren[child] = net;
        return Append(movement, LedgerEntryKind.ReturnedFromChild, amounts, child, null);
    }

    /// <summary>
    /// Sets a case's amount aside, in proportion to what is available, and its goods from the stock at their average
    /// value; refused whole when either falls short. Reserving a case again changes nothing.
    /// </summary>
    public LedgerOutcome Reserve(Guid caseId, Money amount, string? category, Movement movement, IReadOnlyList<ItemCount>? goods = null)
    {
        if (Reservations.ContainsKey(caseId) || Payments.ContainsKey(caseId))
        {
            return LedgerOutcome.Unchanged;
        }
        if (Problem(amount) is { } problem)
        {
            return LedgerOutcome.Refused(problem);
        }
        if (ProportionalSplit.Split(amount, Available) is not { } split)
        {
            return LedgerOutcome.Refused($"{amount} is needed but only {Available.Total} is available");
        }
        var wanted = ItemCount.Summed(goods ?? []);
        if (Shortfall(wanted) is { } shortfall)
        {
            return LedgerOutcome.Refused(shortfall);
        }
        Reservations[caseId] = split;
        if (category is not null)
        {
            ReservedCategories[caseId] = category;
        }
        var reserved = Append(movement, LedgerEntryKind.Reserved, split, caseId.ToString(), null, category);
        if (wanted.Count > 0)
        {
            CaseGoods[caseId] = [.. wanted.Select((item, i) => SetAside(caseId, item, movement.Part(i + 1)))];
        }
        return reserved;
    }

    public LedgerOutcome Release(Guid caseId, Movement movement)
    {
        if (!Reservations.Remove(caseId, out var split))
        {
            return LedgerOutcome.Unchanged;
        }
        ReservedCategories.Remove(caseId, out var category);
        var released = Append(movement, LedgerEntryKind.Released, split, caseId.ToString(), null, category);
        MoveCaseGoods(caseId, LedgerEntryKind.GoodsReleased, movement);
        return released;
    }

    /// <summary>
    /// Pays a reserved case, and hands over its goods too unless a hand-over task of its own will
    /// (<paramref name="issueGoods"/>). Paying it again returns the first payment: a case is never paid twice.
    /// </summary>
    public LedgerOutcome Disburse(Guid caseId, string reference, Movement movement, bool issueGoods = true)
    {
        if (Payments.TryGetValue(caseId, out var paid))
        {
            return LedgerOutcome.Repeat(paid, Unstored);
        }
        if (!Reservations.Remove(caseId, out var split))
        {
            return LedgerOutcome.Refused("the case has no reservation here: it is not approved, or its money was released");
        }
        Payments[caseId] = movement.Id;
        ReservedCategories.Remove(caseId, out var category);
        var payment = Append(movement, LedgerEntryKind.Disbursed, split, caseId.ToString(), reference, category);
        if (issueGoods)
        {
            MoveCaseGoods(caseId, LedgerEntryKind.GoodsIssued, movement);
        }
        return payment;
    }

    private LedgerOutcome? Known(Movement movement) =>
        Applied.Contains(movement.Id) ? LedgerOutcome.Repeat(movement.Id, Unstored) : null;

    // Entries whose movement another account may deliver or ask again.
    private static bool RemembersId(LedgerEntryKind kind) =>
        kind is LedgerEntryKind.AllocationIn or LedgerEntryKind.ReturnedFromChild or LedgerEntryKind.ReturnedUp or LedgerEntryKind.GoodsAllocationIn;

    private static string? Problem(Money amount) => amount.IsPositive ? null : "the amount must be more than 0";

    private LedgerOutcome Append(Movement movement, LedgerEntryKind kind, SourceAmounts amounts, string? counterpart, string? reference,
        string? category = null, GoodsLine? goods = null)
    {
        var entry = new LedgerEntry(movement.Id, movement.At, movement.Actor, kind, amounts, counterpart, reference ?? movement.Reference, movement.Note,
            Entries + 1, category, goods);
        Entries = entry.Seq;
        Unstored.Add(entry);
        if (RemembersId(kind))
        {
            Applied.Add(entry.Id);
        }
        Balances = Balances.After(entry);
        if (goods is not null)
        {
            Stock[goods.Item] = (Stock.GetValueOrDefault(goods.Item) ?? StockLine.Empty(goods.Unit)).After(kind, new GoodsLot(goods.Quantity, amounts));
        }
        return LedgerOutcome.Appended(entry);
    }
}

/// <summary>Who moves money, when, under which id (the id makes a retried message idempotent).</summary>
[GenerateSerializer, Immutable, Alias("Relief.Movement")]
public sealed record Movement(
    [property: Id(0)] Guid Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string? Reference = null,
    [property: Id(4)] string? Note = null)
{
    /// <summary>
    /// The id of the <paramref name="part"/>th further entry of this movement (one per item of a case's goods): the
    /// movement's id with its last bytes changed, so each entry of the account keeps an id of its own.
    /// </summary>
    public Movement Part(int part)
    {
        var bytes = Id.ToByteArray();
        var tail = BitConverter.ToInt32(bytes, 12) ^ part;
        BitConverter.GetBytes(tail).CopyTo(bytes, 12);
        return this with { Id = new Guid(bytes) };
    }
}

/// <summary>
/// What a book operation did: appended an entry, found it done already, changed nothing, or refused. A repeat whose
/// first entry is already stored names it by <see cref="RepeatOf"/>: the account reads it back from its rows.
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.LedgerOutcome")]
public sealed record LedgerOutcome(
    [property: Id(0)] LedgerEntry? Entry,
    [property: Id(1)] string? Refusal,
    [property: Id(2)] bool IsNew,
    [property: Id(3)] Guid? RepeatOf = null)
{
    public static LedgerOutcome Unchanged { get; } = new(null, null, false);

    public static LedgerOutcome Appended(LedgerEntry entry) => new(entry, null, true);

    public static LedgerOutcome AlreadyDone(LedgerEntry entry) => new(entry, null, false);

    /// <summary>The movement was made before: its entry if still in memory, else its id to read from the rows.</summary>
    public static LedgerOutcome Repeat(Guid entryId, IEnumerable<LedgerEntry> unstored) =>
        unstored.FirstOrDefault(e => e.Id == entryId) is { } entry ? AlreadyDone(entry) : new(null, null, false, entryId);

    public static LedgerOutcome Refused(string reason) => new(null, reason, false);

    public bool Accepted => Refusal is null;
}
