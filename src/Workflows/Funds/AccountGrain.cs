using Relief.Workflows.Common;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Funds;

public sealed partial class AccountGrain(
    [PersistentState("account", StorageNames.Accounts)] IPersistentState<AccountState> account,
    ILedgerRows rows,
    ReliefClock clock) : Grain, IAccountGrain, IRemindable
{
    private AccountBook Book => account.State.Book;

    private (Guid ProgrammeId, string UnitCode) Key => AccountKeys.Parse(this.GetPrimaryKeyString());

    /// <summary>An account stored before schema 10 moves the ledger its state carried into rows before anything else.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        Book.Balances = Book.Balances with { GoodsBought = Book.Balances.SpentOnGoods };
        if (Book.MoveLedgerIntoRows())
        {
            await Persist();
        }
    }

    public async Task<LedgerResult> Grant(FundingSource source, Money amount, string? donor, Actor actor)
    {
        if (NotOwner(actor) is { } refused)
        {
            return refused;
        }
        return await Apply(Book.Grant(source, amount, donor, Move(actor, note: donor)));
    }

    public async Task<LedgerResult> Allocate(string childCode, Money amount, SourceAmounts? sources, Actor actor)
    {
        if ((NotOwner(actor) ?? NotAChild(childCode)) is { } refused)
        {
            return refused;
        }
        var movement = Move(actor);
        var outcome = Book.AllocateOut(childCode, amount, sources, movement);
        if (outcome is { IsNew: true, Entry: { } entry })
        {
            account.State.AwaitingConfirmation[movement.Id] = new AllocationInTransit(childCode, entry.Amounts);
            account.State.Outbox.Add(new PendingDelivery(DeliveryKind.Allocation, childCode, entry.Amounts, movement, movement.Id));
        }
        var result = await Apply(outcome);
        await Flush();
        return result;
    }

    public async Task<LedgerResult> ConfirmReceipt(Guid allocationId, Actor actor)
    {
        if (NotOwner(actor) is { } refused)
        {
            return refused;
        }
        var outcome = Book.ConfirmReceipt(allocationId, Move(actor));
        if (outcome.IsNew && OrgCode.Parse(Key.UnitCode).Parent is { } parent)
        {
            account.State.Outbox.Add(new PendingDelivery(DeliveryKind.Confirmation, parent.Value, outcome.Entry!.Amounts, outcome.Entry.ToMovement(), allocationId));
        }
        var result = await Apply(outcome);
        await Flush();
        return result;
    }

    public async Task<LedgerResult> Reclaim(string childCode, Money amount, Actor actor)
    {
        if (NotOwner(actor) is { } refused)
        {
            return refused;
        }
        if (!Book.ToChildren.ContainsKey(childCode))
        {
            return LedgerResult.Refused(CommandResult.Invalid("child", $"{Key.UnitCode} has allocated nothing to {childCode}"));
        }
        var child = GrainFactory.GetGrain<IAccountGrain>(AccountKeys.For(Key.ProgrammeId, childCode));
        var movement = Move(actor, note: "reclaimed by the parent");
        var surrendered = await child.SurrenderToParent(amount, movement);
        if (surrendered.Entry is not { } entry)
        {
            return surrendered;
        }
        // The child keeps the return in its outbox until told it arrived here, so a crash between the two
        // writes is repaired by the child's redelivery (applied once, by movement id).
        var result = await Apply(Book.ReturnedFromChild(childCode, entry.Amounts, movement));
        await child.Delivered(movement.Id);
        return result;
    }

    public async Task<LedgerResult> ReturnToParent(Money amount, Actor actor)
    {
        if (NotOwner(actor) is { } refused)
        {
            return refused;
        }
        if (OrgCode.Parse(Key.UnitCode).Parent is not { } parent)
        {
            return LedgerResult.Refused(CommandResult.Invalid("amount", "the national unit has no parent to return money to"));
        }
        var result = await Surrender(parent.Value, amount, Move(actor, note: "unspent, returned at close"));
        await Flush();
        return result;
    }

    public async Task<LedgerResult> Reserve(Guid caseId, Money amount, string? category, IReadOnlyList<ItemCount> goods, Actor actor) =>
        await Apply(Book.Reserve(caseId, amount, category, Move(actor, reference: caseId.ToString()), goods));

    public async Task<LedgerResult> Release(Guid caseId, Actor actor) =>
        await Apply(Book.Release(caseId, Move(actor, reference: caseId.ToString())));

    public async Task<LedgerResult> Disburse(Guid caseId, string reference, bool issueGoods, Actor actor) =>
        await Apply(Book.Disburse(caseId, reference, Move(actor, reference: reference), issueGoods));

    public Task<CaseMoney> MoneyOf(Guid caseId) => Task.FromResult(
        Book.Payments.ContainsKey(caseId) ? CaseMoney.Paid : Book.Reservations.ContainsKey(caseId) ? CaseMoney.Reserved : CaseMoney.None);

    public Task<AccountView> Describe() => Task.FromResult(new AccountView(
        Book.Balances,
        Book.Available,
        account.State.AwaitingConfirmation.Values.Aggregate(SourceAmounts.None, (sum, a) => sum + a.Amounts),
        [.. Book.PendingReceipts.Keys, .. Book.PendingGoodsReceipts.Keys],
        (int)Book.Entries,
        new Dictionary<string, StockLine>(Book.Stock)));

    public async Task<IReadOnlyList<LedgerEntry>> Ledger() =>
        (await rows.Entries(new LedgerQuery(Key.ProgrammeId, Key.UnitCode), 0, int.MaxValue)).Items;

    public Task<IReadOnlyDictionary<Guid, SourceAmounts>> Unpaid() =>
        Task.FromResult<IReadOnlyDictionary<Guid, SourceAmounts>>(new Dictionary<Guid, SourceAmounts>(Book.Reservations));

    public Task<IReadOnlyList<Guid>> ApprovedCases() =>
        Task.FromResult<IReadOnlyList<Guid>>([.. Book.Reservations.Keys.Concat(Book.Payments.Keys).Distinct().Order()]);

    private LedgerResult? NotOwner(Actor actor) => actor.UnitCode == Key.UnitCode
        ? null
        : LedgerResult.Refused(CommandResult.Forbidden($"Only the finance staff of {Key.UnitCode} move its money."));

    private Movement Move(Actor actor, string? reference = null, string? note = null) =>
        new(Guid.NewGuid(), clock.GetUtcNow(), actor.ToString(), reference, note);

    /// <summary>Persists an accepted new entry; a refusal or a repeat writes nothing (a repeat answers with the first entry, from its row).</summary>
    private async Task<LedgerResult> Apply(LedgerOutcome outcome)
    {
        if (outcome.IsNew)
        {
            await Persist();
        }
        if (outcome.RepeatOf is { } first)
        {
            var entry = await rows.Entry(Key.ProgrammeId, Key.UnitCode, first)
                        ?? throw new InvalidOperationException($"Entry {first} of {this.GetPrimaryKeyString()} is in its state but not in its rows.");
            return LedgerResult.From(LedgerOutcome.AlreadyDone(entry));
        }
        return LedgerResult.From(outcome);
    }
}
