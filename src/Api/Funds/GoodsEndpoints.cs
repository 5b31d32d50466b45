using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Relief.Api.Acting;
using Relief.Api.Common;
using Relief.Workflows.Funds;
using Relief.Workflows.Programmes;

namespace Relief.Api.Funds;

/// <summary>Goods in kind at a unit: bought, donated, passed down, and the stock that reconciles (<c>/api/programmes/{id}/orgunits/{code}/…</c>).</summary>
public static class GoodsEndpoints
{
    private const string Unit = "/{id:guid}/orgunits/{code}";

    /// <summary>The most of one item in one movement: a province's whole winter of rice is far below it.</summary>
    public const long MaxQuantity = 100_000_000;

    public static RouteGroupBuilder MapGoodsEndpoints(this RouteGroupBuilder programmes)
    {
        programmes.MapPost($"{Unit}/goods/purchases", Buy).ActsAtUnit(ReliefRole.Finance).ForExistingProgramme().ForExistingUnit()
            .WithSummary("Goods bought with the unit's money: the money spent by source, the goods into stock at that value.");
        programmes.MapPost($"{Unit}/goods/donations", Donate).ActsAtUnit(ReliefRole.Finance).ForExistingProgramme().ForExistingUnit()
            .WithSummary("Goods donated in kind, valued at the amount the donation states, with the donor.");
        programmes.MapPost($"{Unit}/goods/allocations", Allocate).ActsAtUnit(ReliefRole.Finance).ForExistingProgramme().ForExistingUnit()
            .WithSummary("Goods passed down to a direct child: in transit until the child confirms receipt (POST …/receipts/{allocationId}).");
        programmes.MapGet($"{Unit}/stock", Stock).ReadsUnit().ForExistingProgramme().ForExistingUnit()
            .WithSummary("The unit's stock by item: received, in transit, passed down, set aside, issued and on hand, by quantity and value.");
        return programmes;
    }

    private static async Task<IResult> Buy(Guid id, string code, GoodsPurchaseRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var item = await Item(grains, id, request.Item, request.Quantity, errors);
        var cost = errors.Amount("cost", request.Cost);
        var sources = request.SourcesOrNull(errors);
        var supplier = errors.Text("supplier", request.Supplier, 100, required: false);
        return errors.Any
            ? CommandResults.Invalid(errors.ByField)
            : FundEndpoints.Answer(await Account(grains, id, code).BuyGoods(item, cost, sources, supplier.Length == 0 ? null : supplier, http.Actor()), created: true);
    }

    private static async Task<IResult> Donate(Guid id, string code, GoodsDonationRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var item = await Item(grains, id, request.Item, request.Quantity, errors);
        var value = errors.Amount("value", request.Value);
        var donor = errors.Text("donor", request.Donor, 100);
        return errors.Any
            ? CommandResults.Invalid(errors.ByField)
            : FundEndpoints.Answer(await Account(grains, id, code).DonateGoods(item, value, donor, http.Actor()), created: true);
    }

    private static async Task<IResult> Allocate(Guid id, string code, GoodsAllocationRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var item = await Item(grains, id, request.Item, request.Quantity, errors);
        var child = errors.Text("child", request.Child, 30);
        await FundEndpoints.ChildMustExist(child, grains, errors);
        return errors.Any
            ? CommandResults.Invalid(errors.ByField)
            : FundEndpoints.Answer(await Account(grains, id, code).AllocateGoods(child, item, http.Actor()), created: true);
    }

    private static async Task<IResult> Stock(Guid id, string code, IGrainFactory grains)
    {
        var view = await Account(grains, id, code).Describe();
        return TypedResults.Ok((view.Stock ?? new Dictionary<string, StockLine>()).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new
        {
            item = s.Key,
            unit = s.Value.Unit,
            received = Lot(s.Value.Received),
            inTransit = Lot(s.Value.InTransit),
            passedDown = Lot(s.Value.PassedDown),
            setAside = Lot(s.Value.SetAside),
            issued = Lot(s.Value.Issued),
            onHand = Lot(s.Value.OnHand),
            // received = passed down + issued + set aside + on hand, by quantity and by value of each source
            reconciles = s.Value.Fault() is null,
        }));
    }

    private static object Lot(GoodsLot lot) => new { quantity = lot.Quantity, value = lot.Value.Total, bySource = lot.Value };

    /// <summary>The item as the programme stocks it (its unit from the programme's list), or a field error.</summary>
    private static async Task<ItemCount> Item(IGrainFactory grains, Guid programme, string? name, long? quantity, FieldErrors errors)
    {
        var item = errors.Text("item", name, 50);
        if (quantity is not { } count || count is < 1 or > MaxQuantity)
        {
            errors.Add("quantity", $"a whole number from 1 to {MaxQuantity}");
        }
        if (errors.ByField.ContainsKey("item"))
        {
            return new ItemCount(item, "", quantity ?? 0);
        }
        var terms = (await grains.GetGrain<IProgrammeGrain>(programme).Describe())!.Terms;
        if (terms.Item(item) is not { } stocked)
        {
            errors.Add("item", terms.KeepsStock
                ? $"'{item}' is not one of the programme's items ({string.Join(", ", terms.Items!.Select(i => i.Name))})"
                : "the programme keeps no stock of goods (its terms list no items)");
            return new ItemCount(item, "", quantity ?? 0);
        }
        return new ItemCount(stocked.Name, stocked.Unit, quantity ?? 0);
    }

    private static IAccountGrain Account(IGrainFactory grains, Guid programme, string code) =>
        grains.GetGrain<IAccountGrain>(AccountKeys.For(programme, code));

}
