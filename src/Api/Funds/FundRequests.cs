using Relief.Api.Common;
using Relief.Workflows.Funds;

namespace Relief.Api.Funds;

public sealed record GrantRequest(FundingSource? Source, decimal? Amount, string? Donor);

/// <summary>An allocation to a direct child; <c>sources</c> (yuan by source) is optional, <c>recipients</c> sets the child's quota too.</summary>
public sealed record AllocationRequest(string? Child, decimal? Amount, IReadOnlyDictionary<FundingSource, decimal?>? Sources, int? Recipients)
{
    public SourceAmounts? SourcesOrNull(FieldErrors errors) => SourcesRequest.Read(Sources, errors);
}

/// <summary>Yuan by funding source as a request names them (<c>sources</c>), each checked; null when none are named.</summary>
public static class SourcesRequest
{
    public static SourceAmounts? Read(IReadOnlyDictionary<FundingSource, decimal?>? sources, FieldErrors errors) => sources is null
        ? null
        : sources.Aggregate(SourceAmounts.None, (sum, s) => sum.With(s.Key, errors.Amount($"sources.{s.Key}", s.Value, allowZero: true)));
}

public sealed record ReclaimRequest(string? Child, decimal? Amount);

public sealed record ReturnRequest(decimal? Amount);

public sealed record PaymentRequest(Relief.Workflows.Cases.PaymentMethod? Method, string? Reference);
