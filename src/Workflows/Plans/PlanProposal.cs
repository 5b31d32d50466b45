using Relief.Workflows.Funds;

namespace Relief.Workflows.Plans;

/// <summary>What a proposal is worked out from, for one child: its weight (last season's recipients, or its members).</summary>
public sealed record ProposalWeight(string Child, long Weight);

/// <summary>
/// A plan proposed in proportion to each child's weight: the money to the fen and the places to the person, each
/// shared by the largest remainder so nothing is lost (ties to the earlier child by code). The finance officer then
/// changes what she wants before submitting it.
/// </summary>
public static class PlanProposal
{
    public static IReadOnlyList<PlanLine>? InProportion(Money total, int recipients, IReadOnlyList<ProposalWeight> weights)
    {
        var ordered = weights.OrderBy(w => w.Child, StringComparer.Ordinal).ToList();
        var counts = ordered.Select(w => w.Weight).ToList();
        if (ProportionalSplit.InProportion(total.Fen, counts) is not { } money || ProportionalSplit.InProportion(recipients, counts) is not { } places)
        {
            return null;
        }
        return [.. ordered.Select((w, i) => new PlanLine(w.Child, new Money(money[i]), null, (int)places[i]))];
    }
}
