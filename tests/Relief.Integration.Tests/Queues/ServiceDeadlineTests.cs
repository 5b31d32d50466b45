using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Relief.Integration.Tests.Infrastructure;
using Relief.Integration.Tests.Notices;
using Relief.Silo.Configuration;
using Relief.Workflows;
using Relief.Workflows.Queues;

namespace Relief.Integration.Tests.Queues;

/// <summary>Service deadlines: a case waiting too long is overdue in its queue; twice too long, the parent sees it.</summary>
public sealed class ServiceDeadlineTests
{
    private const string District = "CN-44-03-05";
    private const string City = "CN-44-03";
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Theory]
    [InlineData(StorageMode.Embedded)]
    [InlineData(StorageMode.PostgreSql)]
    public async Task A_case_past_its_deadline_is_overdue_and_past_twice_the_deadline_the_parent_sees_it(StorageMode mode)
    {
        await using var storage = await TestStorage.Create(mode);
        await using var cluster = await ReliefClusters.Start(storage, fakeClock: NoticeScenario.Thursday);
        var scenario = await NoticeScenario.Prepare(cluster,
            """{ "route": ["Branch", "District"], "deadlines": [ { "level": "District", "days": 3 } ] }""");
        var queues = Service<ICaseQueues>(cluster);
        var clock = Service<ReliefClock>(cluster);
        // Approved at the branch on Thursday 4 February 2027, the eve of the Spring Festival holiday: waits at the district.
        var caseId = (await scenario.ApprovedCases(1)).Single();

        var fresh = await DistrictQueue(queues, scenario, overdueAt: null);
        var overdueOnArrival = await DistrictQueue(queues, scenario, overdueAt: clock.GetUtcNow());
        cluster.Advance(new DateTimeOffset(2027, 2, 18, 0, 1, 0, Beijing) - NoticeScenario.Thursday);
        var overdueOnThursdayAfter = await DistrictQueue(queues, scenario, overdueAt: clock.GetUtcNow());
        var escalatedOnThursdayAfter = await Escalations(queues, scenario, City, clock);
        cluster.Advance(TimeSpan.FromDays(3));
        var escalatedOnSunday = await Escalations(queues, scenario, City, clock);
        var escalatedToTheProvince = await Escalations(queues, scenario, "CN-44", clock);

        var entry = Assert.Single(fresh.Items);
        Assert.Equal(caseId, entry.CaseId);
        Assert.Equal(new DateTimeOffset(2027, 2, 18, 0, 0, 0, Beijing), entry.DueAt);
        Assert.Equal(new DateTimeOffset(2027, 2, 21, 0, 0, 0, Beijing), entry.EscalatesAt);
        Assert.Empty(overdueOnArrival.Items);
        Assert.Equal(caseId, Assert.Single(overdueOnThursdayAfter.Items).CaseId);
        Assert.Equal(0, escalatedOnThursdayAfter.Total);
        Assert.Equal(caseId, Assert.Single(escalatedOnSunday.Items).CaseId);
        Assert.Equal(District, escalatedOnSunday.Items[0].UnitCode);
        Assert.Equal(0, escalatedToTheProvince.Total);
    }

    [Fact]
    public async Task A_step_without_a_deadline_is_never_overdue()
    {
        await using var storage = await TestStorage.Create(StorageMode.Embedded);
        await using var cluster = await ReliefClusters.Start(storage, fakeClock: NoticeScenario.Thursday);
        var scenario = await NoticeScenario.Prepare(cluster, """{ "route": ["Branch", "District"] }""");
        var queues = Service<ICaseQueues>(cluster);
        await scenario.ApprovedCases(1);
        cluster.Advance(TimeSpan.FromDays(60));
        var now = Service<ReliefClock>(cluster).GetUtcNow();

        var entry = Assert.Single((await DistrictQueue(queues, scenario, overdueAt: null)).Items);
        Assert.Null(entry.DueAt);
        Assert.False(entry.IsOverdueAt(now));
        Assert.Empty((await DistrictQueue(queues, scenario, overdueAt: now)).Items);
        Assert.Equal(0, (await Escalations(queues, scenario, City, Service<ReliefClock>(cluster))).Total);
    }

    private static Task<QueuePage> DistrictQueue(ICaseQueues queues, NoticeScenario scenario, DateTimeOffset? overdueAt) =>
        queues.Read(new QueueQuery(scenario.ProgrammeId, District, WaitingFor.Decision, null, null, 0, 50, overdueAt));

    private static Task<QueuePage> Escalations(ICaseQueues queues, NoticeScenario scenario, string parent, ReliefClock clock) =>
        queues.ReadEscalations(new EscalationQuery(scenario.ProgrammeId, parent, clock.GetUtcNow(), 0, 50));

    private static T Service<T>(TestCluster cluster) where T : notnull =>
        cluster.Silos.Cast<InProcessSiloHandle>().First().SiloHost.Services.GetRequiredService<T>();
}
