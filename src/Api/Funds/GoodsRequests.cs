using Relief.Api.Common;
using Relief.Workflows.Funds;

namespace Relief.Api.Funds;

/// <summary>Goods bought with the unit's money: the item, how many, what they cost (yuan), optionally from which sources, from whom.</summary>
public sealed record GoodsPurchaseRequest(string? Item, long? Quantity, decimal? Cost, IReadOnlyDictionary<FundingSource, decimal?>? Sources, string? Supplier)
{
    public SourceAmounts? SourcesOrNull(FieldErrors errors) => SourcesRequest.Read(Sources, errors);
}

/// <summary>Goods given in kind: the item, how many, the value the donation states (yuan), and the donor.</summary>
public sealed record GoodsDonationRequest(string? Item, long? Quantity, decimal? Value, string? Donor);

/// <summary>Goods passed down to a direct child.</summary>
public sealed record GoodsAllocationRequest(string? Child, string? Item, long? Quantity);
