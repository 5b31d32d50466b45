using CsCheck;
using Relief.Workflows.Funds;

namespace Relief.Workflows.Tests.Funds;

public class ProportionalSplitTests
{
    private static SourceAmounts Held(long national, long provincial = 0, long own = 0) =>
        SourceAmounts.None with { NationalAllocation = new Money(national), ProvincialSubsidy = new Money(provincial), OwnFunds = new Money(own) };

    [Fact]
    public void An_amount_is_split_in_proportion_and_to_the_fen()
    {
        // 1,000,000 yuan national and 250,000 yuan provincial: 1,500 yuan splits 1,200 / 300.
        var split = ProportionalSplit.Split(Money.FromYuan(1500), Held(100_000_000, 25_000_000));

        Assert.Equal(Money.FromYuan(1200), split!.NationalAllocation);
        Assert.Equal(Money.FromYuan(300), split.ProvincialSubsidy);
    }

    [Fact]
    public void Left_over_fen_go_to_the_largest_remainders_then_to_the_earlier_source()
    {
        // 1 fen over three equal sources: the national allocation gets it (a tie, broken by source order).
        Assert.Equal(Held(1, 0, 0), ProportionalSplit.Split(new Money(1), Held(1, 1, 1)));
        // 2 fen over 1:1:1 -> national and provincial.
        Assert.Equal(Held(1, 1, 0), ProportionalSplit.Split(new Money(2), Held(1, 1, 1)));
        // 10 fen over 100:200 -> exact shares 3.33 and 6.67: the larger remainder (provincial) takes the extra fen.
        Assert.Equal(Held(3, 7), ProportionalSplit.Split(new Money(10), Held(100, 200)));
    }

    [Fact]
    public void Every_split_sums_exactly_and_never_takes_more_of_a_source_than_is_held()
    {
        Gen.Select(Gen.Long[0, 10_000_000], Gen.Long[0, 10_000_000], Gen.Long[0, 10_000_000], Gen.Double[0, 1])
            .Sample((national, provincial, own, fraction) =>
            {
                var held = Held(national, provincial, own);
                var amount = new Money((long)(held.Total.Fen * fraction));
                var split = ProportionalSplit.Split(amount, held);

                Assert.NotNull(split);
                Assert.Equal(amount, split.Total);
                Assert.True(split.FitsWithin(held) && split.IsNonNegative);
                Assert.Equal(split, ProportionalSplit.Split(amount, held));
            });
    }

    [Fact]
    public void More_than_is_held_cannot_be_split()
    {
        Assert.Null(ProportionalSplit.Split(new Money(101), Held(100)));
    }
}
