using System.Security.Cryptography;
using System.Text;
using Relief.Workflows.Funds;

namespace Relief.Workflows.SpotChecks;

/// <summary>A case a level's sub-unit approved, as a spot check sees it.</summary>
[GenerateSerializer, Immutable, Alias("Relief.ApprovedCase")]
public sealed record ApprovedCase([property: Id(0)] Guid CaseId, [property: Id(1)] string SubUnit);

/// <summary>
/// Draws the sample of a spot check (抽查): a share of the cases a level's sub-units approved, at least one,
/// spread over the sub-units in proportion to how many each approved (largest remainders, as money is split).
/// Within a sub-unit the cases are ordered by a hash of the seed and the case id, so the same seed over the
/// same cases draws the same sample on any machine and any .NET version; the seed is recorded with the draw.
/// </summary>
public static class SpotCheckDraw
{
    public static IReadOnlyList<ApprovedCase> Draw(IReadOnlyList<ApprovedCase> approved, decimal percent, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100m);
        if (approved.Count == 0)
        {
            return [];
        }
        var size = Math.Max(1, (int)decimal.Round(approved.Count * percent / 100m, MidpointRounding.AwayFromZero));
        var strata = approved.GroupBy(c => c.SubUnit).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var shares = ProportionalSplit.Among(size, strata.Select(s => (long)s.Count()).ToList())!;
        return strata
            .SelectMany((stratum, i) => stratum.OrderBy(c => Rank(seed, c.CaseId), StringComparer.Ordinal).Take((int)shares[i]))
            .ToList();
    }

    private static string Rank(long seed, Guid caseId) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{caseId:N}")));
}
