using Relief.Workflows.Applicants;

namespace Relief.Workflows.Tests.Applicants;

public class ResidentIdNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("11010519491231002x")]
    [InlineData("440308199001011234")]
    public void Valid_numbers_pass(string number) =>
        Assert.Null(ResidentIdNumber.Problem(WithCheck(number), Today));

    [Theory]
    [InlineData("11010519491231002", "18 characters")]
    [InlineData("1101051949123100212", "18 characters")]
    [InlineData("1101051949123100A2", "first 17 characters")]
    [InlineData("11010519491231002Y", "digit or X")]
    [InlineData("110105194902300029", "birth date")]
    [InlineData("110105203001010021", "birth date")]
    [InlineData("110105194912310021", "check character")]
    [InlineData("000000194912310027", "code of a province")]
    [InlineData("991234194912310021", "code of a province")]
    public void Invalid_numbers_are_refused_with_the_reason(string number, string reason)
    {
        var problem = ResidentIdNumber.Problem(number, Today);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(number, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Public_lists_show_only_the_first_six_and_last_four()
    {
        Assert.Equal("110105********002X", ResidentIdNumber.Mask("11010519491231002X"));
    }

    /// <summary>Replaces the last character with the right check character, so tests can use readable numbers.</summary>
    private static string WithCheck(string number) =>
        number[..17] + ResidentIdNumber.CheckCharacter(number);
}
