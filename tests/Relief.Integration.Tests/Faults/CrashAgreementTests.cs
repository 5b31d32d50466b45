using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Faults;

/// <summary>
/// A season of filings, approvals at two levels, returns and amendments, rejections and payments, with the silo
/// process killed (SIGKILL) at a dozen moments under the requests in flight. After each restart, within a minute
/// and with no request made to put anything right, every record agrees with the cases: no inbox line for a task
/// a case does not wait for (and none missing), each unit's quota used equals the places its live approved cases
/// hold, money disbursed at the branch if and only if the case is paid, and money reserved only for a case that
/// is approved and unpaid.
/// </summary>
public sealed class CrashAgreementTests
{
    private const int Cases = 48;
    private const int Clients = 6;
    private const int Kills = 12;
    private const string Route = """{ "route": ["Branch", "District"] }""";

    [Fact]
    public async Task Killed_at_a_dozen_points_of_a_season_every_record_agrees_with_the_cases_within_a_minute()
    {
        await using var silo = await RestartableSilo.Start("--Relief:Wakeups:SweepPeriod=00:00:03");
        var scenario = await CaseScenario.Publish(silo, Route);
        var season = new Season(silo, scenario);
        var random = new Random(20270204);

        for (var kill = 0; kill < Kills; kill++)
        {
            // Clients work on the cases until a random number of their requests were answered, then the process dies under the rest.
            await season.WorkUntilKilled(answeredBeforeKill: random.Next(6, 30), random.Next());
            await silo.KillAndRestart();
            await season.ExpectAgreement($"after kill {kill + 1}");
        }
        await season.WorkToTheEnd();
        await season.ExpectAgreement("at the end of the season");
        Assert.True(season.Paid > Cases / 3, $"only {season.Paid} cases were paid: the season did not get far enough to try the payments");
        Assert.True(season.Rejected > 0 && season.Amended > 0, "the season took no rejection or no amendment");
        Assert.Equal(Kills, silo.Restarts);
    }

    /// <summary>The cases of a season and what their clerks, approvers and finance staff do next with each.</summary>
    private sealed class Season(RestartableSilo silo, CaseScenario scenario)
    {
        private readonly string[] _people = [.. Enumerable.Range(0, Cases).Select(_ => NewIdNumber())];
        private readonly string[] _keys = [.. Enumerable.Range(0, Cases).Select(_ => $"season-{Guid.NewGuid():N}")];
        private readonly string?[] _ids = new string?[Cases];
        private int _answered;

        public int Paid { get; private set; }

        public int Rejected { get; private set; }

        public int Amended { get; private set; }

        public async Task WorkUntilKilled(int answeredBeforeKill, int seed)
        {
            _answered = 0;
            var killing = 0;
            Task? kill = null;
            await Parallel.ForEachAsync(Enumerable.Range(0, Cases * 4), new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (n, _) =>
            {
                if (Volatile.Read(ref killing) == 1)
                {
                    return;
                }
                try
                {
                    if (await Next((n * 7919 + seed) % Cases, n) && Interlocked.Increment(ref _answered) >= answeredBeforeKill
                        && Interlocked.Exchange(ref killing, 1) == 0)
                    {
                        kill = silo.Kill();
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    // Cut off by the kill: the client does not know whether it was done, and reads the case again later.
                }
            });
            if (kill is not null)
            {
                await kill;
            }
        }

        public async Task WorkToTheEnd()
        {
            for (var round = 0; round < 8; round++)
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, Cases), new ParallelOptions { MaxDegreeOfParallelism = Clients },
                    async (i, _) => await Next(i, round));
            }
        }

        /// <summary>Does what the case needs next; true when a request was answered.</summary>
        private async Task<bool> Next(int i, int n)
        {
            if (_ids[i] is not { } id)
            {
                using var filed = await scenario.File(NanshanBranch, Applicant(_people[i]), _keys[i]);
                if (filed.StatusCode == HttpStatusCode.Created)
                {
                    _ids[i] = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
                }
                return true;
            }
            var view = await scenario.Case(id);
            using var answer = (view.GetProperty("status").GetString(), view.GetProperty("waitingAt").GetString()) switch
            {
                ("Waiting", NanshanBranch) => await scenario.Decide(id, NanshanBranch, "approve"),
                // At the district one case in six is returned and one in eight rejected, the first time round.
                ("Waiting", Nanshan) when i % 6 == 1 && !Returned(view) => await scenario.Decide(id, Nanshan, "return", "请补充收入证明"),
                ("Waiting", Nanshan) when i % 8 == 3 => await scenario.Decide(id, Nanshan, "reject", "不符合条件"),
                ("Waiting", Nanshan) => await scenario.Decide(id, Nanshan, "approve"),
                ("Returned", _) => await silo.Send($"clerk-{NanshanBranch}", NanshanBranch, HttpMethod.Put, $"/api/cases/{id}", Applicant(_people[i], income: "850.00")),
                ("Approved", _) => await silo.Send($"finance-{NanshanBranch}", NanshanBranch, HttpMethod.Post, $"/api/cases/{id}/payment",
                    new { method = "BankTransfer", reference = $"BOC-{i:D4}" }),
                _ => null,
            };
            return answer is not null;
        }

        private static bool Returned(JsonElement view) =>
            view.GetProperty("journal").EnumerateArray().Any(e => e.GetProperty("step").GetString() == "return@District");

        /// <summary>Waits up to a minute for every record to agree with the cases, then says which do not.</summary>
        public async Task ExpectAgreement(string when)
        {
            var problems = await Eventually.Get(Disagreements, found => found.Count == 0, TimeSpan.FromSeconds(60));
            Assert.True(problems.Count == 0, $"{when}: {string.Join("; ", problems)}");
        }

        private async Task<List<string>> Disagreements()
        {
            var problems = new List<string>();
            var cases = new List<JsonElement>();
            foreach (var id in _ids.OfType<string>())
            {
                cases.Add(await scenario.Case(id));
            }
            Paid = cases.Count(c => Status(c) == "Paid");
            Rejected = cases.Count(c => Status(c) == "Rejected");
            Amended = cases.Count(c => c.GetProperty("journal").EnumerateArray().Any(e => e.GetProperty("step").GetString() == "amend"));

            // Inbox lines: exactly the open tasks of the cases, at their units.
            var lines = new HashSet<string>();
            foreach (var (unit, waitingFor) in new[] { (NanshanBranch, "Decision"), (NanshanBranch, "Amendment"), (Nanshan, "Decision") })
            {
                var queue = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/orgunits/{unit}/queue?programme={scenario.ProgrammeId}&waitingFor={waitingFor}&limit=1000");
                lines.UnionWith(queue.GetProperty("items").EnumerateArray().Select(l => $"{l.GetProperty("caseId").GetString()} {l.GetProperty("taskId").GetString()} {unit}"));
            }
            // A filing cut off by a kill may have been stored before its answer was lost: its clerk learns of it only by
            // filing again with the key. Such a case is a case like any other; a line of a case never stored is not.
            foreach (var unknown in lines.Select(l => l.Split(' ')[0]).Distinct().Where(id => !_ids.Contains(id)).ToList())
            {
                using var found = await silo.Http.GetAsync($"/api/cases/{unknown}");
                if (found.StatusCode == HttpStatusCode.OK)
                {
                    cases.Add(await found.Content.ReadFromJsonAsync<JsonElement>());
                }
            }
            var tasks = cases.SelectMany(c => c.GetProperty("tasks").EnumerateArray()
                .Where(t => t.GetProperty("unitCode").ValueKind == JsonValueKind.String)
                .Select(t => $"{c.GetProperty("id").GetString()} {t.GetProperty("taskId").GetString()} {t.GetProperty("unitCode").GetString()}")).ToHashSet();
            problems.AddRange(lines.Except(tasks).Select(l => $"an inbox line for a task the case does not wait for: {l}"));
            problems.AddRange(tasks.Except(lines).Select(t => $"no inbox line for an open task: {t}"));

            // Quota places: a level's unit holds one for each live case approved there since it was last filed or amended.
            foreach (var (unit, step) in new[] { (NanshanBranch, "approve@Branch"), (Nanshan, "approve@District") })
            {
                var held = cases.Count(c => Status(c) is not ("Rejected" or "Returned") && ApprovedSinceFiling(c, step));
                var used = (await scenario.Quota(unit)).GetProperty("used").GetInt32();
                if (used != held)
                {
                    var incidents = cases.Where(c => c.GetProperty("incidents").EnumerateArray().Any()).Select(c => c.GetProperty("id").GetString()).ToList();
                    problems.Add($"{unit} uses {used} quota places, its live approved cases hold {held} (cases with incidents: {string.Join(", ", incidents)})");
                }
            }

            // Money: reserved for exactly the approved unpaid cases, disbursed for exactly the paid ones, once each.
            var unpaid = (await silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/orgunits/{NanshanBranch}/unpaid?limit=1000"))
                .GetProperty("items").EnumerateArray().Select(u => u.GetProperty("caseId").GetString()).ToHashSet();
            var approved = cases.Where(c => Status(c) == "Approved").Select(c => c.GetProperty("id").GetString()).ToHashSet();
            problems.AddRange(unpaid.Except(approved).Select(c => $"money reserved for case {c}, which is not approved"));
            problems.AddRange(approved.Except(unpaid).Select(c => $"approved case {c} has no money reserved"));
            var disbursed = (await silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/orgunits/{NanshanBranch}/ledger?kind=Disbursed&limit=1000"))
                .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("reference").GetString()!).ToList();
            var paidReferences = cases.Select((c, _) => c).Where(c => Status(c) == "Paid")
                .Select(c => c.GetProperty("journal").EnumerateArray().Last(e => e.GetProperty("step").GetString() == "pay").GetProperty("comment").GetString()!)
                .ToList();
            if (disbursed.Count != disbursed.Distinct().Count())
            {
                problems.Add("a payment was disbursed twice");
            }
            if (disbursed.Count != paidReferences.Count)
            {
                problems.Add($"{disbursed.Count} payments disbursed in the ledger, {paidReferences.Count} cases paid");
            }
            return problems;
        }

        private static string? Status(JsonElement view) => view.GetProperty("status").GetString();

        private static bool ApprovedSinceFiling(JsonElement view, string step)
        {
            var journal = view.GetProperty("journal").EnumerateArray().Select(e => e.GetProperty("step").GetString()).ToList();
            var since = journal.FindLastIndex(s => s is "file" or "amend");
            return journal.Skip(Math.Max(since, 0)).Contains(step);
        }
    }
}
