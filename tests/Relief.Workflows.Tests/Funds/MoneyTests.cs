using Relief.Workflows.Funds;

namespace Relief.Workflows.Tests.Funds;

public class MoneyTests
{
    [Theory]
    [InlineData("1500", 150000)]
    [InlineData("1500.5", 150050)]
    [InlineData("0.01", 1)]
    [InlineData("57900.00", 5790000)]
    [InlineData("-3.20", -320)]
    public void Yuan_with_at_most_two_decimals_become_exact_fen(string yuan, long fen)
    {
        Assert.True(Money.TryParseYuan(yuan, out var money));
        Assert.Equal(fen, money.Fen);
    }

    [Theory]
    [InlineData("1500.005")]
    [InlineData("1,500")]
    [InlineData("1e3")]
    [InlineData("abc")]
    [InlineData("")]
    public void Three_decimals_and_non_numbers_are_refused(string yuan) =>
        Assert.False(Money.TryParseYuan(yuan, out _));

    [Fact]
    public void Sums_are_exact_and_print_with_two_decimals()
    {
        // 250 sanitation workers at 1,500 yuan each: 375,000 yuan, to the fen.
        var total = Enumerable.Repeat(Money.FromYuan(1500), 250).Aggregate(Money.Zero, (sum, m) => sum + m);
        var tenths = Enumerable.Repeat(new Money(10), 10).Aggregate(Money.Zero, (sum, m) => sum + m);

        Assert.Equal("375000.00", total.ToString());
        Assert.Equal("1.00", tenths.ToString());
    }
}
