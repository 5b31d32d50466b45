using Relief.Integration.Tests.Infrastructure;
using Relief.Silo.Configuration;
using Relief.Workflows.Cases;
using Relief.Workflows.Notices;

namespace Relief.Integration.Tests.Notices;

/// <summary>A notice rule with a publication time: the open list publishes itself at that Beijing time each day.</summary>
public sealed class ScheduledPublicationTests
{
    [Fact]
    public async Task The_open_list_publishes_itself_at_the_configured_time_and_again_the_next_day_for_later_cases()
    {
        await using var storage = await TestStorage.Create(StorageMode.Embedded);
        await using var cluster = await ReliefClusters.Start(storage, fakeClock: NoticeScenario.Thursday); // 10:00 Beijing
        var scenario = await NoticeScenario.Prepare(cluster,
            """{ "route": ["Branch"], "notice": { "level": "Branch", "days": 5, "publishAt": "17:00" } }""");
        var board = scenario.Grains.GetGrain<INoticeBoardGrain>(Relief.Workflows.Notices.Notices.BoardKey(scenario.ProgrammeId, NoticeScenario.Branch));
        var morning = await scenario.ApprovedCases(3);

        cluster.Advance(TimeSpan.FromHours(6.9)); // 16:54: several reminder ticks pass before the hour
        await Task.Delay(TimeSpan.FromSeconds(5));
        var beforeFive = await board.Lists();
        cluster.Advance(TimeSpan.FromMinutes(7)); // 17:01
        var first = await Eventually.Get(board.Lists, lists => lists.Count == 1, TimeSpan.FromSeconds(30));
        var evening = await scenario.ApprovedCases(1, firstApplicant: 3);
        cluster.Advance(TimeSpan.FromHours(23));    // Friday 16:01: not yet
        await Task.Delay(TimeSpan.FromSeconds(5));
        var beforeFridayFive = await board.Lists();
        cluster.Advance(TimeSpan.FromHours(1));     // Friday 17:01
        var second = await Eventually.Get(board.Lists, lists => lists.Count == 2, TimeSpan.FromSeconds(30));

        Assert.Empty(beforeFive);
        var firstList = (await scenario.Grains.GetGrain<INoticeListGrain>(Assert.Single(first)).Describe())!;
        Assert.Equal(3, firstList.Lines.Count);
        Assert.Equal(new DateOnly(2027, 2, 4), firstList.Window.FirstDay);
        var journal = (await scenario.Grains.GetGrain<ICaseGrain>(morning[0]).Describe())!.Journal;
        Assert.Contains(journal, e => e.Step == "notice" && e.Actor == "notice-schedule");
        Assert.Single(beforeFridayFive);
        Assert.Equal(2, second.Count);
        var secondList = (await scenario.Grains.GetGrain<INoticeListGrain>(second[1]).Describe())!;
        Assert.Single(secondList.Lines);
        Assert.Equal(new DateOnly(2027, 2, 5), secondList.Window.FirstDay);
        Assert.Equal(CaseStatus.Noticed, await scenario.Status(evening[0]));
        Assert.Equal(0, await board.Waiting());
    }
}
