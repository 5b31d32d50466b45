using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using Relief.Silo.Telemetry;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Telemetry;

/// <summary>
/// One whole Relief in the test process that has done a little of everything the monitoring watches: cases filed
/// in two provinces and left waiting, one decided and paid, a payment refused, a case stuck on an incident (its
/// notice board's store refuses), a wake-up that cannot fire, an hour passed on the domain clock. Read through
/// <c>/metrics</c>, as Prometheus reads it.
/// </summary>
public sealed class MonitoredNight : IAsyncLifetime
{
    /// <summary>The late wake-up's shard, and how long before the clock's hour had passed it was due.</summary>
    public const int LateShard = 3;
    public static readonly TimeSpan LateBy = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Passed = TimeSpan.FromHours(1);

    public InProcessHost Host { get; private set; } = null!;

    /// <summary>The programme with cases waiting at Nanshan's and Xuanwu's districts (Guangdong, Jiangsu), one paid.</summary>
    public string Paying { get; private set; } = null!;

    /// <summary>The programme whose one case holds an open incident.</summary>
    public string Stuck { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await InProcessHost.Start(services => services.Configure<TableGaugeOptions>(options => options.Refresh = TimeSpan.FromMilliseconds(500)));

        var paying = await Publish(Host, """{ "route": ["District"] }""");
        Paying = paying.ProgrammeId;
        var paid = await paying.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        var waiting = await paying.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        await paying.FileOk(XuanwuBranch, Applicant(NewIdNumber()));
        await paying.Expect(HttpStatusCode.OK, await paying.Decide(paid, Nanshan, "approve"));
        await paying.Expect(HttpStatusCode.OK, await Pay(paid));
        using (var refused = await Pay(waiting))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        var stuck = await Publish(Host, """{ "route": ["District"], "notice": { "level": "District", "days": 5 } }""");
        Stuck = stuck.ProgrammeId;
        var incident = await stuck.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        await Host.Sql("""
            CREATE TRIGGER refuse_notice_board BEFORE INSERT ON relief_own_state WHEN NEW.grain_id LIKE 'noticeboard/%'
            BEGIN SELECT RAISE(ABORT, 'notice store unavailable'); END;
            """);
        await stuck.Expect(HttpStatusCode.OK, await stuck.Decide(incident, Nanshan, "approve"));

        // No grain of the type 'nobody' exists: every sweep fails to wake it and leaves its row, as for a grain that cannot be woken.
        var due = Host.Clock.GetUtcNow() - LateBy;
        await Host.Sql($"INSERT INTO relief_wakeup (service_id, grain_id, shard, due_at_ms) VALUES (@service, 'nobody/late', {LateShard}, {due.ToUnixTimeMilliseconds()});");
        Host.Clock.Advance(Passed);
    }

    /// <summary>What Prometheus would read now.</summary>
    public async Task<IReadOnlyList<ScrapedSample>> Scrape() => PrometheusScrape.Parse(await Host.Http.GetStringAsync("/metrics"));

    /// <summary>A scrape once the gauges read from the tables have caught up with the night (they refresh every 500 ms here).</summary>
    public Task<IReadOnlyList<ScrapedSample>> ScrapeSettled() => Eventually.Get(Scrape, samples =>
        samples.Any(s => s.Name == "relief_cases_with_open_incidents" && s.Labels.GetValueOrDefault("relief_programme") == Stuck)
        && samples.Any(s => s.Name == "relief_queue_oldest_age_seconds" && s.Value >= Passed.TotalSeconds)
        && samples.Any(s => s.Name == "relief_wakeups_oldest_lag_seconds" && s.Value >= (Passed + LateBy).TotalSeconds), TimeSpan.FromSeconds(30));

    private Task<HttpResponseMessage> Pay(string caseId) =>
        Host.Send($"finance-{NanshanBranch}", NanshanBranch, HttpMethod.Post, $"/api/cases/{caseId}/payment", new { method = "Cash", reference = caseId[..8] });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
