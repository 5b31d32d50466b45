using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Relief.Integration.Tests.Infrastructure;
using Relief.Silo.Configuration;
using Relief.Silo.Hierarchy;
using Relief.Workflows.Cases;
using Relief.Workflows.Common;
using Relief.Workflows.Definitions.Examples;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Programmes;
using Relief.Workflows.Queues;

namespace Relief.Integration.Tests.Timers;

/// <summary>
/// The standard ladder gives the district 3 working days; past them the case escalates to the city's inbox
/// (the district's <c>timeout</c>). Filed on Wednesday 30 December 2026, the days are Thursday 31 December, then
/// (New Year's Day a holiday, then the weekend) Monday 4 and Tuesday 5 January: due at midnight, Beijing time,
/// going into Wednesday 6 January. The timeout fires once — after a restart, and in a cluster that lost a silo.
/// </summary>
public sealed class TimeoutEscalationTests
{
    private const string Branch = "CN-44-03-05-0001";
    private const string District = "CN-44-03-05";
    private const string City = "CN-44-03";
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Filed = new(2026, 12, 30, 10, 0, 0, Beijing);
    private static readonly DateTimeOffset Due = new(2027, 1, 6, 0, 0, 0, Beijing);
    private static readonly Actor Admin = new("admin", "CN");

    [SkippableTheory]
    [InlineData(StorageMode.Embedded)]
    [InlineData(StorageMode.PostgreSql)]
    public async Task A_district_task_due_in_three_working_days_escalates_to_the_city_once_after_a_restart(StorageMode mode)
    {
        await using var storage = await TestStorage.Create(mode);
        Guid caseId;
        await using (var first = await ReliefClusters.Start(storage, fakeClock: Filed))
        {
            var programmeId = await Programme(first);
            caseId = (await File(first, programmeId, 1))[0];
            var line = Assert.Single((await Queue(first, programmeId, District)).Items);
            Assert.Equal(Due, line.DueAt);

            // An hour before it is due, sweeps come and go and the case stays at the district.
            first.Advance(Due - Filed - TimeSpan.FromHours(1));
            await Task.Delay(TimeSpan.FromSeconds(12));
            Assert.Equal(District, (await Case(first, caseId)).WaitingAt);
        }

        // The cluster was down when the task fell due; the next one starts the morning after.
        await using var second = await ReliefClusters.Start(storage, fakeClock: Due.AddHours(9));
        var escalated = await Eventually.Get(() => Case(second, caseId), view => view.WaitingAt == City, TimeSpan.FromSeconds(60));
        Assert.Equal(City, escalated.WaitingAt);
        await Task.Delay(TimeSpan.FromSeconds(12)); // more sweeps: nothing fires again
        var view = await Case(second, caseId);
        Assert.Single(view.Journal, e => e.Step == "timeout@District");
        Assert.Equal(City, view.WaitingAt);
        Assert.Empty((await Queue(second, view.ProgrammeId, District)).Items);
        Assert.Equal(caseId, Assert.Single((await Queue(second, view.ProgrammeId, City)).Items).CaseId);
    }

    [SkippableFact]
    public async Task In_a_three_silo_cluster_that_loses_a_silo_every_due_task_escalates_once()
    {
        await using var storage = await TestStorage.Create(StorageMode.PostgreSql);
        await using var cluster = await ReliefClusters.Start(storage, silos: 3, fakeClock: Filed);
        var programmeId = await Programme(cluster);
        var cases = await File(cluster, programmeId, 24);

        await cluster.KillSiloAsync(cluster.SecondarySilos[0], CancellationToken.None);
        cluster.Advance(Due - Filed + TimeSpan.FromMinutes(1));

        var escalated = await Eventually.Get(() => EscalatedCount(cluster, cases), count => count == cases.Count, TimeSpan.FromSeconds(90));
        Assert.Equal(cases.Count, escalated);
        await Task.Delay(TimeSpan.FromSeconds(12));
        foreach (var id in cases)
        {
            var view = await Case(cluster, id);
            Assert.Single(view.Journal, e => e.Step == "timeout@District");
            Assert.Equal(City, view.WaitingAt);
        }
        Assert.Empty((await Queue(cluster, programmeId, District)).Items);
        Assert.Equal(cases.Count, (await Queue(cluster, programmeId, City)).Total);
    }

    private static async Task<Guid> Programme(TestCluster cluster)
    {
        await new HierarchyImporter(cluster.GrainFactory).Import(DemoHierarchy.Read());
        var id = Guid.NewGuid();
        var programme = cluster.GrainFactory.GetGrain<IProgrammeGrain>(id);
        var today = DateOnly.FromDateTime(Filed.ToOffset(Beijing).DateTime);
        Assert.True((await programme.Create(new ProgrammeTerms("2027年两节送温暖",
            [new RecipientCategory("archived", "在档困难职工", Money.FromYuan(1500), [], EligibilityRule.Anyone)],
            new Dictionary<string, Money>(), today.AddDays(-10), today.AddDays(20), today.AddDays(40), false), Admin)).Succeeded);
        var saved = await programme.SaveWorkflow(ShippedDefinitions.Text("standard-ladder")!, Admin);
        Assert.True(saved.Succeeded, saved.Message);
        Assert.True((await programme.Publish(Admin)).Succeeded);
        return id;
    }

    private static async Task<List<Guid>> File(TestCluster cluster, Guid programmeId, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            var idNumber = "44030519700101" + (100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            idNumber += Relief.Workflows.Applicants.ResidentIdNumber.CheckCharacter(idNumber);
            var filed = await cluster.GrainFactory.GetGrain<ICaseGrain>(id).File(new CaseApplication(programmeId, Branch,
                new Applicant("王芳", idNumber, 2, Money.FromYuan(700), "archived", "独自抚养子女"), null, null), new Actor("clerk", Branch));
            Assert.True(filed.Succeeded, filed.Message);
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>How many of the cases wait at the city; -1 while the client still sends to the silo that died (it learns of it shortly).</summary>
    private static async Task<int> EscalatedCount(TestCluster cluster, IReadOnlyList<Guid> cases)
    {
        try
        {
            return (await Task.WhenAll(cases.Select(id => Case(cluster, id)))).Count(c => c.WaitingAt == City);
        }
        catch (Exception ex) when (ex is Orleans.Runtime.OrleansException or TimeoutException)
        {
            return -1;
        }
    }

    private static async Task<CaseView> Case(TestCluster cluster, Guid id) => (await cluster.GrainFactory.GetGrain<ICaseGrain>(id).Describe())!;

    private static Task<QueuePage> Queue(TestCluster cluster, Guid programmeId, string unit) =>
        cluster.Silos.Cast<InProcessSiloHandle>().First().SiloHost.Services.GetRequiredService<ICaseQueues>()
            .Read(new QueueQuery(programmeId, unit, WaitingFor.Decision, null, null, 0, 100));
}
