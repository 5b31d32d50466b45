using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using Relief.Integration.Tests.Notices;
using Relief.Silo.Configuration;
using Relief.Workflows.Cases;
using Relief.Workflows.Funds;
using Relief.Workflows.Notices;
using Relief.Workflows.Quotas;

namespace Relief.Integration.Tests.Storage;

/// <summary>
/// Every kind of grain state a peak writes (accounts with their ledgers and reservations, quotas, cases, notice
/// boards) reads back exactly as written by a new cluster: a silo that dies hands its grains to others, which
/// read them from storage.
/// </summary>
public sealed class StateRoundTripTests
{
    [SkippableTheory]
    [InlineData(StorageMode.Embedded)]
    [InlineData(StorageMode.PostgreSql)]
    public async Task Accounts_quotas_cases_and_notice_boards_read_back_exactly_as_written(StorageMode mode)
    {
        await using var storage = await TestStorage.Create(mode);
        var first = await ReliefClusters.Start(storage, fakeClock: NoticeScenario.Thursday);
        var scenario = await NoticeScenario.Prepare(first,
            """{ "route": ["Branch"], "notice": { "level": "Branch", "days": 5 }, "deadlines": [ { "level": "Branch", "days": 3 } ] }""");
        var cases = await scenario.ApprovedCases(3);
        var before = await Views(scenario, cases);
        await first.StopAllSilosAsync();
        await first.DisposeAsync();

        await using var second = await ReliefClusters.Start(storage, fakeClock: NoticeScenario.Thursday);
        var after = await Views(new NoticeScenario(second, scenario.ProgrammeId), cases);

        Assert.Equal(before, after);
        Assert.Contains("\"Reserved\"", after, StringComparison.Ordinal);
    }

    private static async Task<string> Views(NoticeScenario scenario, List<Guid> cases)
    {
        var grains = scenario.Grains;
        var account = grains.GetGrain<IAccountGrain>(AccountKeys.For(scenario.ProgrammeId, NoticeScenario.Branch));
        var views = new
        {
            account = await account.Describe(),
            ledger = await account.Ledger(),
            unpaid = await account.Unpaid(),
            quota = await grains.GetGrain<IQuotaGrain>(QuotaKeys.For(scenario.ProgrammeId, NoticeScenario.Branch)).Describe(),
            cases = await Task.WhenAll(cases.Select(id => grains.GetGrain<ICaseGrain>(id).Describe())),
            waiting = await grains.GetGrain<INoticeBoardGrain>(Relief.Workflows.Notices.Notices.BoardKey(scenario.ProgrammeId, NoticeScenario.Branch)).Waiting(),
        };
        return JsonSerializer.Serialize(views);
    }
}
