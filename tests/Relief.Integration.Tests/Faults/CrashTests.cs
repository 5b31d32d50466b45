using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Api;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Faults;

/// <summary>
/// The silo process is killed with SIGKILL four times while clients file, approve at two levels and pay, each
/// time with requests in flight, and is started again on the same data. Every request answered with success
/// before a kill is found in state after it; the requests cut off are sent again by their clients (filings
/// with their idempotency key); in the end no case is filed twice, none is paid twice, and every account from
/// the national unit down to the branch reconciles.
/// </summary>
public sealed class CrashTests
{
    private const int Cases = 96;
    private const int Clients = 8;

    [Fact]
    public async Task Acknowledged_requests_survive_four_kills_nothing_is_filed_or_paid_twice_and_the_books_balance()
    {
        await using var silo = await RestartableSilo.Start();
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["Branch", "District"] }""");
        var keys = Enumerable.Range(0, Cases).Select(i => $"crash-{Guid.NewGuid():N}").ToArray();
        var people = Enumerable.Range(0, Cases).Select(_ => NewIdNumber()).ToArray();
        var ids = new string?[Cases];

        // 1. Filing, killed after a third of the filings were acknowledged.
        var filing = await Phase(silo, killAfter: Cases / 3, async i => ids[i] = await FiledId(await scenario.File(NanshanBranch, Applicant(people[i]), keys[i])));
        foreach (var i in filing.Acknowledged)
        {
            Assert.Equal("Waiting", await Status(scenario, ids[i]!));
        }
        // Cut-off filings are sent again with their key: one that was stored before the kill gives its case back.
        await Resend(filing.CutOff, async i => ids[i] = await FiledId(await scenario.File(NanshanBranch, Applicant(people[i]), keys[i])));
        Assert.Equal(Cases, ids.Distinct().Count());
        var queue = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/orgunits/{NanshanBranch}/queue?programme={scenario.ProgrammeId}&limit=1000");
        Assert.Equal(Cases, queue.GetProperty("total").GetInt32());

        // 2. and 3. Approvals at the branch and at the district, each killed halfway.
        foreach (var (unit, after) in new[] { (NanshanBranch, "Waiting"), (Nanshan, "Approved") })
        {
            var approval = await Phase(silo, killAfter: Cases / 2, async i => await Expect(await scenario.Decide(ids[i]!, unit, "approve"), HttpStatusCode.OK));
            foreach (var i in approval.Acknowledged)
            {
                var view = await scenario.Case(ids[i]!);
                Assert.Equal(after, view.GetProperty("status").GetString());
                Assert.Single(view.GetProperty("journal").EnumerateArray(), e => e.GetProperty("step").GetString()!.EndsWith(
                    unit == Nanshan ? "@District" : "@Branch", StringComparison.Ordinal));
            }
            // A resent approval whose first answer was lost finds the case past that step: 403 while it waits at the
            // next unit (the branch no longer acts on it), 409 once it waits nowhere. Either is its answer.
            await Resend(approval.CutOff, async i =>
            {
                using var answer = await scenario.Decide(ids[i]!, unit, "approve");
                Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict or HttpStatusCode.Forbidden,
                    $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
            });
        }
        foreach (var id in ids)
        {
            Assert.Equal("Approved", await Status(scenario, id!));
        }

        // 4. Payment, killed after a quarter; paying a case again pays nothing more.
        var payment = await Phase(silo, killAfter: Cases / 4, async i => await Expect(await Pay(silo, ids[i]!, i), HttpStatusCode.OK));
        foreach (var i in payment.Acknowledged)
        {
            Assert.Equal("Paid", await Status(scenario, ids[i]!));
        }
        await Resend(payment.CutOff, async i => await Expect(await Pay(silo, ids[i]!, i), HttpStatusCode.OK));
        Assert.Equal(4, silo.Restarts);

        foreach (var id in ids)
        {
            var view = await scenario.Case(id!);
            Assert.Equal("Paid", view.GetProperty("status").GetString());
            Assert.Single(view.GetProperty("journal").EnumerateArray(), e => e.GetProperty("step").GetString() == "pay");
        }
        var ledger = await silo.Http.GetFromJsonAsync<JsonElement>(
            $"/api/programmes/{scenario.ProgrammeId}/orgunits/{NanshanBranch}/ledger?kind=Disbursed&limit=1000");
        var disbursed = ledger.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Cases, disbursed.Count);
        Assert.Equal(Cases, disbursed.Select(e => e.GetProperty("reference").GetString()).Distinct().Count());
        foreach (var unit in new[] { "CN", "CN-44", Shenzhen, Nanshan, NanshanBranch })
        {
            var totals = (await silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/orgunits/{unit}/account")).GetProperty("totals");
            Assert.Equal(Yuan(totals, "received"),
                Yuan(totals, "allocatedDown") + Yuan(totals, "reserved") + Yuan(totals, "paid") + Yuan(totals, "returned") + Yuan(totals, "available"));
            if (unit == NanshanBranch)
            {
                Assert.Equal(Cases * 1500m, Yuan(totals, "paid"));
                Assert.Equal(0m, Yuan(totals, "reserved"));
            }
        }
    }

    private sealed record PhaseResult(IReadOnlyCollection<int> Acknowledged, IReadOnlyCollection<int> CutOff);

    /// <summary>
    /// Sends the request for every case from <see cref="Clients"/> clients at once; when <paramref name="killAfter"/>
    /// have been acknowledged the silo is killed under the requests in flight, and started again once all have ended.
    /// </summary>
    private static async Task<PhaseResult> Phase(RestartableSilo silo, int killAfter, Func<int, Task> send)
    {
        var acknowledged = new ConcurrentBag<int>();
        var cutOff = new ConcurrentBag<int>();
        Task? kill = null;
        var killing = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Cases), new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (i, _) =>
        {
            try
            {
                await send(i);
                acknowledged.Add(i);
                if (acknowledged.Count >= killAfter && Interlocked.Exchange(ref killing, 1) == 0)
                {
                    kill = silo.Kill();
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                cutOff.Add(i); // no answer: the client does not know whether it was done
            }
        });
        Assert.NotNull(kill);
        await kill;
        await silo.KillAndRestart();
        Assert.NotEmpty(cutOff);
        return new PhaseResult([.. acknowledged], [.. cutOff]);
    }

    private static async Task Resend(IEnumerable<int> cases, Func<int, Task> send) =>
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (i, _) => await send(i));

    private static async Task<HttpResponseMessage> Pay(RestartableSilo silo, string id, int n) =>
        await silo.Send($"finance-{NanshanBranch}", NanshanBranch, HttpMethod.Post, $"/api/cases/{id}/payment",
            new { method = "BankTransfer", reference = $"BOC-{n:D5}" });

    private static async Task<string?> Status(CaseScenario scenario, string id) => (await scenario.Case(id)).GetProperty("status").GetString();

    private static async Task<string> FiledId(HttpResponseMessage answer)
    {
        using (answer)
        {
            var text = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.Created, $"filing: {(int)answer.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
        }
    }

    private static async Task Expect(HttpResponseMessage answer, HttpStatusCode status)
    {
        using (answer)
        {
            var text = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == status, $"expected {(int)status}, got {(int)answer.StatusCode}: {text}");
        }
    }

    private static decimal Yuan(JsonElement totals, string name) => decimal.Parse(totals.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);
}
