using Relief.Workflows.Applicants;
using Relief.Workflows.Cases;
using Relief.Workflows.Funds;
using Relief.Workflows.Programmes;

namespace Relief.Workflows.Tests.Cases;

/// <summary>The filing rules the case grain applies itself, whatever reached it past the API's edge.</summary>
public class FilingCheckTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static readonly ProgrammeTerms Terms = new("2027年两节送温暖",
        [new RecipientCategory("archived", "在档困难职工", new Money(150_000), [], EligibilityRule.Anyone)],
        new Dictionary<string, Money>(), new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 20), new DateOnly(2027, 2, 5), false);

    private static CaseApplication Filing(string name = "张建明", IReadOnlyList<GoodsItem>? goods = null)
    {
        const string first17 = "44030519600101001";
        var applicant = new Applicant(name, first17 + ResidentIdNumber.CheckCharacter(first17), 3, new Money(90_000), "archived", "家庭成员重病");
        return new CaseApplication(Guid.NewGuid(), "CN-44-03-05-0001", applicant, null, goods);
    }

    [Fact]
    public void A_good_filing_passes()
    {
        var (amount, problems) = CaseApplicationCheck.Check(Filing(goods: [new GoodsItem("大米", 1, "袋", new Money(8000))]), Terms, Today);

        Assert.Empty(problems);
        Assert.Equal(new Money(150_000), amount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Goods_of_no_or_negative_quantity_are_refused(int quantity)
    {
        var (_, problems) = CaseApplicationCheck.Check(Filing(goods: [new GoodsItem("大米", quantity, "袋", new Money(8000))]), Terms, Today);

        Assert.Equal("goods[0]", Assert.Single(problems).Field);
    }

    [Theory]
    [InlineData("\u0301\u0301\u0301")]
    [InlineData("???")]
    [InlineData("123")]
    public void A_name_without_a_letter_names_nobody(string name)
    {
        var (_, problems) = CaseApplicationCheck.Check(Filing(name), Terms, Today);

        Assert.Equal("applicant.name", Assert.Single(problems).Field);
    }
}
