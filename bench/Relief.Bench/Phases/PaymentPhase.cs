using Relief.Api.Acting;
using Relief.Bench.Measures;
using Relief.Bench.Season;

namespace Relief.Bench.Phases;

/// <summary>Finance staff at each branch pay every case, one request per case, many branches at once.</summary>
public sealed class PaymentPhase(ReliefApi api, IReadOnlyCollection<FiledCase> cases, int clients)
{
    public static string ReferenceOf(FiledCase c) => $"BENCH-{c.Number:D8}";

    public async Task<PhaseOutcome> Run()
    {
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = clients }, async (c, _) =>
            await api.Expect(HttpMethod.Post, $"/api/cases/{c.Id}/payment", $"finance-{c.Branch}", c.Branch, ReliefRole.Finance,
                new { method = "BankTransfer", reference = ReferenceOf(c) }));
        return new PhaseOutcome(cases.Count);
    }
}
