using Relief.Workflows.Common;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Funds;

/// <summary>Goods in kind: bought, donated, passed down like money (written here first, delivered from the outbox), issued to households.</summary>
public sealed partial class AccountGrain
{
    public async Task<LedgerResult> BuyGoods(ItemCount item, Money cost, SourceAmounts? sources, string? supplier, Actor actor) =>
        NotOwner(actor) ?? await Apply(Book.BuyGoods(item, cost, sources, Move(actor, note: supplier)));

    public async Task<LedgerResult> DonateGoods(ItemCount item, Money value, string donor, Actor actor) =>
        NotOwner(actor) ?? await Apply(Book.DonateGoods(item, value, donor, Move(actor)));

    public async Task<LedgerResult> AllocateGoods(string childCode, ItemCount item, Actor actor)
    {
        if ((NotOwner(actor) ?? NotAChild(childCode)) is { } refused)
        {
            return refused;
        }
        var movement = Move(actor);
        var outcome = Book.AllocateGoodsOut(childCode, item, movement);
        if (outcome is { IsNew: true, Entry: { } entry })
        {
            var goods = new ItemLot(item.Item, item.Unit, new GoodsLot(item.Quantity, entry.Amounts));
            account.State.AwaitingConfirmation[movement.Id] = new AllocationInTransit(childCode, SourceAmounts.None, goods);
            account.State.Outbox.Add(new PendingDelivery(DeliveryKind.GoodsAllocation, childCode, SourceAmounts.None, movement, movement.Id, goods));
        }
        var result = await Apply(outcome);
        await Flush();
        return result;
    }

    public async Task AcceptGoods(string parentCode, ItemLot goods, Movement movement)
    {
        if (Book.ReceiveGoods(parentCode, goods, movement).IsNew)
        {
            await Persist();
        }
    }

    public async Task<LedgerResult> IssueGoods(Guid caseId, string? note, Actor actor) =>
        await Apply(Book.IssueGoods(caseId, Move(actor, reference: caseId.ToString(), note: note)));

    private LedgerResult? NotAChild(string childCode) =>
        OrgCode.TryParse(childCode, out var child, out _) && child.Parent?.Value == Key.UnitCode
            ? null
            : LedgerResult.Refused(CommandResult.Invalid("child", $"{childCode} is not a direct child of {Key.UnitCode}"));
}
