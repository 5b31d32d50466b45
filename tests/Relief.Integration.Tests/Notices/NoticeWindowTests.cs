using Relief.Integration.Tests.Infrastructure;
using Relief.Silo.Configuration;
using Relief.Workflows.Cases;
using Relief.Workflows.Common;
using Relief.Workflows.Funds;
using Relief.Workflows.Notices;

namespace Relief.Integration.Tests.Notices;

/// <summary>Public notice lists: objections suspend one line, the window's end makes the rest payable.</summary>
public sealed class NoticeWindowTests
{
    private static Task<bool> Closed(NoticeScenario scenario, Guid listId) =>
        Eventually.Get(async () => (await scenario.Grains.GetGrain<INoticeListGrain>(listId).Describe())!.Closed, closed => closed, TimeSpan.FromSeconds(30));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_objection_suspends_one_case_of_fifty_and_the_others_become_payable_when_the_window_ends(bool upheld)
    {
        await using var storage = await TestStorage.Create(StorageMode.Embedded);
        await using var cluster = await ReliefClusters.Start(storage, fakeClock: NoticeScenario.Thursday);
        var scenario = await NoticeScenario.Prepare(cluster);
        var cases = await scenario.ApprovedCases(50);
        var listId = await scenario.Publish();
        var list = scenario.Grains.GetGrain<INoticeListGrain>(listId);
        var view = (await list.Describe())!;
        var objected = cases[view.Lines.Single(l => l.Line == 7).Line - 1];

        var (raised, objectionId) = await list.RaiseObjection(7, "此人不是本单位职工", ObjectionChannel.Hotline, null);
        Assert.True(raised.Succeeded, raised.Message);
        Assert.Equal(new DateOnly(2027, 2, 18), view.Window.LastDay);
        Assert.Equal(CaseStatus.Suspended, await scenario.Status(objected));
        Assert.Equal(CaseStatus.Noticed, await scenario.Status(cases[0]));
        Assert.Equal(CommandOutcome.Conflict, (await scenario.Grains.GetGrain<ICaseGrain>(cases[0])
            .Pay(PaymentMethod.Cash, "too early", new Actor("finance", NoticeScenario.Branch))).Outcome);

        cluster.Advance(view.Window.ClosesAt - NoticeScenario.Thursday);
        Assert.True(await Closed(scenario, listId));
        var statuses = await Task.WhenAll(cases.Select(scenario.Status));
        Assert.Equal(49, statuses.Count(s => s == CaseStatus.Payable));
        Assert.Equal(CaseStatus.Suspended, await scenario.Status(objected));

        // The approver of the case may not judge the objection against it; another approver does.
        var bySameApprover = await list.Resolve(objectionId!.Value, upheld, "核实", new Actor("approver-1", NoticeScenario.Branch));
        var resolved = await list.Resolve(objectionId!.Value, upheld, upheld ? "核实属实，不符合条件" : "经核实为本单位职工", new Actor("approver-2", NoticeScenario.Branch));
        Assert.Equal(CommandOutcome.Forbidden, bySameApprover.Outcome);
        Assert.True(resolved.Succeeded, resolved.Message);
        var account = await scenario.BranchAccount();
        var quota = await scenario.BranchQuota();
        if (upheld)
        {
            Assert.Equal(CaseStatus.Rejected, await scenario.Status(objected));
            Assert.Equal(Money.FromYuan(49 * 1500), account.Balances.Reserved.Total);
            Assert.Equal(49, quota.Used);
        }
        else
        {
            Assert.Equal(CaseStatus.Payable, await scenario.Status(objected));
            Assert.Equal(Money.FromYuan(50 * 1500), account.Balances.Reserved.Total);
            Assert.True((await scenario.Grains.GetGrain<ICaseGrain>(objected).Pay(PaymentMethod.BankTransfer, "BOC-7", new Actor("finance", NoticeScenario.Branch))).Succeeded);
        }
    }

    [Fact]
    public async Task An_objection_after_the_window_is_refused_but_kept_for_the_auditors()
    {
        await using var storage = await TestStorage.Create(StorageMode.Embedded);
        await using var cluster = await ReliefClusters.Start(storage, fakeClock: NoticeScenario.Thursday);
        var scenario = await NoticeScenario.Prepare(cluster);
        await scenario.ApprovedCases(2);
        var listId = await scenario.Publish();
        var list = scenario.Grains.GetGrain<INoticeListGrain>(listId);
        cluster.Advance(TimeSpan.FromDays(20));

        var (late, _) = await list.RaiseObjection(1, "迟到的举报", ObjectionChannel.Letter, "13800000000");

        Assert.Equal(CommandOutcome.Conflict, late.Outcome);
        var kept = Assert.Single(await list.Objections());
        Assert.Equal(ObjectionState.Late, kept.State);
        Assert.True(await Closed(scenario, listId));
    }

    [SkippableTheory]
    [InlineData(StorageMode.Embedded, 1)]
    [InlineData(StorageMode.PostgreSql, 2)]
    public async Task A_list_whose_window_ended_while_the_cluster_was_down_closes_once_soon_after_restart(StorageMode mode, short silos)
    {
        await using var storage = await TestStorage.Create(mode);
        Guid listId;
        List<Guid> cases;
        NoticeWindow window;
        var first = await ReliefClusters.Start(storage, fakeClock: NoticeScenario.Thursday);
        {
            var scenario = await NoticeScenario.Prepare(first);
            cases = await scenario.ApprovedCases(5);
            listId = await scenario.Publish();
            window = (await scenario.Grains.GetGrain<INoticeListGrain>(listId).Describe())!.Window;
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        // The cluster comes back a day after the window ended.
        await using var second = await ReliefClusters.Start(storage, silos, fakeClock: window.ClosesAt.AddDays(1));
        var again = new NoticeScenario(second, Guid.Empty);
        var closed = await Eventually.Get(async () => (await again.Grains.GetGrain<INoticeListGrain>(listId).Describe())!.Closed,
            c => c, TimeSpan.FromSeconds(60));

        Assert.True(closed);
        foreach (var caseId in cases)
        {
            var view = (await again.Grains.GetGrain<ICaseGrain>(caseId).Describe())!;
            Assert.Equal(CaseStatus.Payable, view.Status);
            Assert.Single(view.Journal, e => e.Step == "notice-closed");
        }
    }
}
