using System.Collections.Concurrent;
using System.Text.Json;
using Relief.Api.Acting;
using Relief.Bench.Season;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;

namespace Relief.Bench.Checks;

/// <summary>The end-of-season checks; a run with any failure reports FAILURE.</summary>
public sealed record BooksVerdict(int AccountsChecked, int AccountsOff, int DisbursedEntries, int DistinctReferences, long PaidFen, long ExpectedFen,
    IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>
/// Reads every account of the programme over the API (as the national auditor) and checks that it reconciles
/// (received = allocated down + reserved + paid + returned up + available), that nothing is left reserved, and that
/// the branches' ledgers hold exactly one disbursement per case (distinct references = N, total = N × standard).
/// </summary>
public sealed class BooksCheck(ReliefApi api, SeasonPlan plan, IReadOnlyCollection<FiledCase> cases, int clients)
{
    private const string Auditor = "auditor-CN";

    public async Task<BooksVerdict> Run()
    {
        var failures = new ConcurrentQueue<string>();
        var units = plan.Hierarchy.Units.Where(u => u.Code == OrgCode.NationalCode || plan.CasesBelow(u.Code) > 0).ToList();
        var references = new ConcurrentQueue<string>();
        long paidFen = 0;
        var accountsOff = 0;
        await Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = clients }, async (unit, _) =>
        {
            var totals = (await Read($"orgunits/{unit.Code}/account")).GetProperty("totals");
            var received = Fen(totals, "received");
            var accounted = Fen(totals, "allocatedDown") + Fen(totals, "reserved") + Fen(totals, "paid") + Fen(totals, "returned") + Fen(totals, "available");
            if (received != accounted || Fen(totals, "reserved") != 0)
            {
                Interlocked.Increment(ref accountsOff);
                failures.Enqueue($"account of {unit.Code} does not reconcile or still holds a reservation: {totals}");
            }
            Interlocked.Add(ref paidFen, Fen(totals, "paid"));
            if (unit.Level == OrgLevel.Branch)
            {
                foreach (var reference in await DisbursedReferences(unit.Code))
                {
                    references.Enqueue(reference);
                }
            }
        });
        var expected = SeasonPlan.Standard.Fen * cases.Count;
        var distinct = references.Distinct(StringComparer.Ordinal).Count();
        if (references.Count != cases.Count || distinct != cases.Count)
        {
            failures.Enqueue($"{references.Count} disbursements with {distinct} distinct references for {cases.Count} cases");
        }
        if (paidFen != expected)
        {
            failures.Enqueue($"paid {new Money(paidFen)} yuan in all, expected {new Money(expected)}");
        }
        return new BooksVerdict(units.Count, accountsOff, references.Count, distinct, paidFen, expected, [.. failures]);
    }

    private async Task<IEnumerable<string>> DisbursedReferences(string branch)
    {
        var found = new List<string>();
        for (var offset = 0; ; offset += 1000)
        {
            var page = await Read($"orgunits/{branch}/ledger?kind=Disbursed&limit=1000&offset={offset}");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            found.AddRange(items.Select(e => e.GetProperty("reference").GetString() ?? ""));
            if (offset + items.Count >= page.GetProperty("total").GetInt32() || items.Count == 0)
            {
                return found;
            }
        }
    }

    private async Task<JsonElement> Read(string path) =>
        (await api.Expect(HttpMethod.Get, $"/api/programmes/{plan.ProgrammeId}/{path}", Auditor, OrgCode.NationalCode, ReliefRole.Auditor)).Json;

    private static long Fen(JsonElement totals, string name) =>
        Money.TryParseYuan(totals.GetProperty(name).GetString(), out var money)
            ? money.Fen
            : throw new FormatException($"'{totals.GetProperty(name)}' is not an amount");
}
