using Relief.Workflows.Funds;

namespace Relief.Workflows.Tests.Funds;

public class AccountBookTests
{
    private static Movement Move(string actor = "finance") => new(Guid.NewGuid(), DateTimeOffset.UnixEpoch, actor);

    [Fact]
    public void Money_flows_down_with_its_sources_and_a_reserved_case_is_paid_once()
    {
        var national = new AccountBook();
        var branch = new AccountBook();
        national.Grant(FundingSource.NationalAllocation, Money.FromYuan(800_000), null, Move());
        national.Grant(FundingSource.ProvincialSubsidy, Money.FromYuan(200_000), null, Move());

        var allocation = Move();
        var sent = national.AllocateOut("CN-44", Money.FromYuan(10_000), null, allocation);
        branch.ReceiveAllocation("CN", sent.Entry!.Amounts, allocation);
        var early = branch.Reserve(Guid.NewGuid(), Money.FromYuan(1500), "困难职工", Move());
        branch.ConfirmReceipt(allocation.Id, Move());
        var caseId = Guid.NewGuid();
        branch.Reserve(caseId, Money.FromYuan(1500), "困难职工", Move());
        var paid = branch.Disburse(caseId, "bank 0001", Move());
        var again = branch.Disburse(caseId, "bank 0002", Move());

        Assert.Equal(Money.FromYuan(8000), sent.Entry.Amounts.NationalAllocation);
        Assert.Equal(Money.FromYuan(2000), sent.Entry.Amounts.ProvincialSubsidy);
        Assert.False(early.Accepted); // in-transit money cannot be spent before the receipt is confirmed
        Assert.True(paid.IsNew);
        Assert.False(again.IsNew);
        Assert.Equal(paid.Entry, again.Entry);
        Assert.Equal(Money.FromYuan(1200), branch.Balances.Disbursed.NationalAllocation);
        Assert.Equal(Money.FromYuan(300), branch.Balances.Disbursed.ProvincialSubsidy);
        Assert.Equal(Money.FromYuan(8500), branch.Available.Total);
        Assert.Equal(AccountBalances.Of(branch.Unstored), branch.Balances);
    }

    [Fact]
    public void Only_what_came_from_the_parent_and_is_unspent_can_go_back()
    {
        var book = new AccountBook();
        var allocation = Move();
        book.ReceiveAllocation("CN-44", SourceAmounts.Of(FundingSource.NationalAllocation, Money.FromYuan(1000)), allocation);
        book.ConfirmReceipt(allocation.Id, Move());
        book.Grant(FundingSource.OwnFunds, Money.FromYuan(500), null, Move());
        book.Reserve(Guid.NewGuid(), Money.FromYuan(600), "困难职工", Move());

        var tooMuch = book.GiveBack("CN-44", Money.FromYuan(700), Move());
        var back = book.GiveBack("CN-44", Money.FromYuan(500), Move());

        Assert.False(tooMuch.Accepted);
        Assert.True(back.Accepted);
        Assert.Equal(SourceAmounts.Of(FundingSource.NationalAllocation, Money.FromYuan(500)), back.Entry!.Amounts);
        Assert.Equal(Money.FromYuan(300), book.Available.OwnFunds); // own funds stay, less their 200 share of the reservation
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public void Zero_and_negative_amounts_move_nothing(long fen)
    {
        var book = new AccountBook();

        Assert.False(book.Grant(FundingSource.OwnFunds, new Money(fen), null, Move()).Accepted);
        Assert.Empty(book.Unstored);
    }

    [Fact]
    public void A_donation_names_its_donor()
    {
        var book = new AccountBook();

        Assert.False(book.Grant(FundingSource.SocialDonation, Money.FromYuan(100), " ", Move()).Accepted);
        Assert.True(book.Grant(FundingSource.SocialDonation, Money.FromYuan(100), "某某爱心企业", Move()).Accepted);
    }
}
