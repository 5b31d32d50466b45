using Relief.Integration.Tests.Infrastructure;
using Relief.Silo.Configuration;
using Relief.Workflows.Cases;
using Relief.Workflows.Common;
using Relief.Workflows.Funds;
using Relief.Workflows.Notices;

namespace Relief.Integration.Tests.Notices;

/// <summary>The programme's last payment day stops payments; what is reserved and unpaid stays visible.</summary>
public sealed class LastPaymentDayTests
{
    [Fact]
    public async Task After_the_last_payment_day_payments_are_refused_and_the_unpaid_cases_are_reported()
    {
        await using var storage = await TestStorage.Create(StorageMode.Embedded);
        await using var cluster = await ReliefClusters.Start(storage, fakeClock: NoticeScenario.Thursday);
        var scenario = await NoticeScenario.Prepare(cluster);
        var cases = await scenario.ApprovedCases(3);
        var listId = await scenario.Publish();
        var window = (await scenario.Grains.GetGrain<INoticeListGrain>(listId).Describe())!.Window;
        cluster.Advance(window.ClosesAt - NoticeScenario.Thursday);
        await Eventually.Get(() => scenario.Status(cases[2]), s => s == CaseStatus.Payable, TimeSpan.FromSeconds(30));
        var finance = new Actor("finance", NoticeScenario.Branch);

        var inTime = await scenario.Grains.GetGrain<ICaseGrain>(cases[0]).Pay(PaymentMethod.BankTransfer, "BOC-1", finance);
        cluster.Advance(new DateTimeOffset(2027, 4, 1, 9, 0, 0, TimeSpan.FromHours(8)) - (window.ClosesAt));
        var tooLate = await scenario.Grains.GetGrain<ICaseGrain>(cases[1]).Pay(PaymentMethod.BankTransfer, "BOC-2", finance);
        var unpaid = await scenario.Grains.GetGrain<IAccountGrain>(AccountKeys.For(scenario.ProgrammeId, NoticeScenario.Branch)).Unpaid();

        Assert.True(inTime.Succeeded, inTime.Message);
        Assert.Equal(CommandOutcome.Conflict, tooLate.Outcome);
        Assert.Contains("closed after 2027-03-31", tooLate.Message, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Payable, await scenario.Status(cases[1]));
        Assert.Equal(cases.Skip(1).Order(), unpaid.Keys.Order());
        Assert.All(unpaid.Values, amounts => Assert.Equal(Money.FromYuan(1500), amounts.Total));
    }
}
