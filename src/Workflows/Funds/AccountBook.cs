namespace Relief.Workflows.Funds;

/// <summary>
/// The book of one unit's account in one programme: its immutable ledger and what follows from it. Every
/// operation checks first and changes nothing when it refuses; every accepted one appends exactly one entry.
/// Plain data with rules, so the account grain persists it and tests exercise it without a silo.
/// </summary>
[GenerateSerializer, Alias("Relief.AccountBook")]
public sealed class AccountBook
{
    [Id(0)] public List<LedgerEntry> Ledger { get; set; } = [];
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

    /// <summary>Entry ids already applied, so a message delivered twice (an allocation, a return) moves money once.</summary>
    [Id(7)] public HashSet<Guid> Applied { get; set; } = [];

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

    /// <summary>Sets a case's amount aside, in proportion to what is available. Reserving a case again changes nothing.</summary>
    public LedgerOutcome Reserve(Guid caseId, Money amount, Movement movement)
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
        Reservations[caseId] = split;
        return Append(movement, LedgerEntryKind.Reserved, split, caseId.ToString(), null);
    }

    public LedgerOutcome Release(Guid caseId, Movement movement)
    {
        if (!Reservations.Remove(caseId, out var split))
        {
            return LedgerOutcome.Unchanged;
        }
        return Append(movement, LedgerEntryKind.Released, split, caseId.ToString(), null);
    }

    /// <summary>Pays a reserved case. Paying it again returns the first payment: a case is never paid twice.</summary>
    public LedgerOutcome Disburse(Guid caseId, string reference, Movement movement)
    {
        if (Payments.TryGetValue(caseId, out var paid))
        {
            return LedgerOutcome.AlreadyDone(Ledger.First(e => e.Id == paid));
        }
        if (!Reservations.Remove(caseId, out var split))
        {
            return LedgerOutcome.Refused("the case has no reservation here: it is not approved, or its money was released");
        }
        Payments[caseId] = movement.Id;
        return Append(movement, LedgerEntryKind.Disbursed, split, caseId.ToString(), reference);
    }

    private LedgerOutcome? Known(Movement movement) =>
        Applied.Contains(movement.Id) ? LedgerOutcome.AlreadyDone(Ledger.First(e => e.Id == movement.Id)) : null;

    private static string? Problem(Money amount) => amount.IsPositive ? null : "the amount must be more than 0";

    private LedgerOutcome Append(Movement movement, LedgerEntryKind kind, SourceAmounts amounts, string? counterpart, string? reference)
    {
        var entry = new LedgerEntry(movement.Id, movement.At, movement.Actor, kind, amounts, counterpart, reference ?? movement.Reference, movement.Note);
        Ledger.Add(entry);
        Applied.Add(entry.Id);
        Balances = Balances.After(entry);
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
    [property: Id(4)] string? Note = null);

/// <summary>What a book operation did: appended an entry, found it done already, changed nothing, or refused.</summary>
[GenerateSerializer, Immutable, Alias("Relief.LedgerOutcome")]
public sealed record LedgerOutcome(
    [property: Id(0)] LedgerEntry? Entry,
    [property: Id(1)] string? Refusal,
    [property: Id(2)] bool IsNew)
{
    public static LedgerOutcome Unchanged { get; } = new(null, null, false);

    public static LedgerOutcome Appended(LedgerEntry entry) => new(entry, null, true);

    public static LedgerOutcome AlreadyDone(LedgerEntry entry) => new(entry, null, false);

    public static LedgerOutcome Refused(string reason) => new(null, reason, false);

    public bool Accepted => Refusal is null;
}
