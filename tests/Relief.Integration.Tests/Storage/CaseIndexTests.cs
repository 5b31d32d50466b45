using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Relief.Integration.Tests.Infrastructure;
using Relief.Integration.Tests.Notices;
using Relief.Silo.Configuration;
using Relief.Workflows.Cases;
using Relief.Workflows.Common;
using Relief.Workflows.Queues;

namespace Relief.Integration.Tests.Storage;

/// <summary>
/// What cases are found by (ADR 19) is written in the statement of the case's own state, on both stores: each
/// step moves a case's row of the index with it, and a migration's walk in case-id order resumes where it stopped.
/// </summary>
public sealed class CaseIndexTests
{
    [SkippableTheory]
    [InlineData(StorageMode.Embedded)]
    [InlineData(StorageMode.PostgreSql)]
    public async Task A_case_is_found_where_its_last_step_left_it_and_running_cases_are_walked_in_id_order(StorageMode mode)
    {
        await using var storage = await TestStorage.Create(mode);
        await using var cluster = await ReliefClusters.Start(storage, fakeClock: NoticeScenario.Thursday);
        var scenario = await NoticeScenario.Prepare(cluster);
        var instances = cluster.Silos.Cast<InProcessSiloHandle>().First().SiloHost.Services.GetRequiredService<ICaseInstances>();
        var approved = await scenario.ApprovedCases(3);

        InstanceQuery Query(string? node = null, string? status = null) =>
            new(scenario.ProgrammeId, node, status, NoticeScenario.Branch, 1, false, false, NoticeScenario.Thursday, 0, 50);
        var atNotice = await instances.Find(Query(node: "notice"));
        Assert.Equal(approved.Order(), atNotice.Items.Select(i => i.CaseId).Order());
        Assert.All(atNotice.Items, i => Assert.Equal(nameof(CaseStatus.Approved), i.Status));
        Assert.Equal(0, (await instances.Find(Query(node: "branch"))).Total);

        // A case cancelled leaves the running cases; the others are walked in id order, a batch at a time.
        Assert.True((await scenario.Grains.GetGrain<ICaseGrain>(approved[0]).Cancel("重复申报", new Actor("admin", "CN"))).Succeeded);
        Assert.Equal(nameof(CaseStatus.Rejected), Assert.Single((await instances.Find(Query(status: nameof(CaseStatus.Rejected)))).Items).Status);
        var running = approved.Skip(1).ToHashSet();
        var first = await instances.Running(scenario.ProgrammeId, 1, null, 1);
        var rest = await instances.Running(scenario.ProgrammeId, 1, first[0].CaseId, 10);
        Assert.Single(rest);
        Assert.Equal(running, first.Concat(rest).Select(i => i.CaseId).ToHashSet());
        Assert.Empty(await instances.Running(scenario.ProgrammeId, 2, null, 10));
    }
}
