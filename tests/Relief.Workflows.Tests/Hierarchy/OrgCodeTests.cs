using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Tests.Hierarchy;

public class OrgCodeTests
{
    [Theory]
    [InlineData("CN", OrgLevel.National, null)]
    [InlineData("CN-44", OrgLevel.Provincial, "CN")]
    [InlineData("CN-44-03", OrgLevel.City, "CN-44")]
    [InlineData("CN-44-03-05", OrgLevel.District, "CN-44-03")]
    [InlineData("CN-44-03-05-0012", OrgLevel.Branch, "CN-44-03-05")]
    public void A_code_spells_its_level_and_parent(string text, OrgLevel level, string? parent)
    {
        var code = OrgCode.Parse(text);

        Assert.Equal(level, code.Level);
        Assert.Equal(parent, code.Parent?.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cn")]
    [InlineData("CN-4")]
    [InlineData("CN-44-3")]
    [InlineData("CN-44-03-05-12")]
    [InlineData("CN-44-03-05-0012-01")]
    [InlineData("CN-44-03-05-00A2")]
    [InlineData("CN--44")]
    [InlineData("CN-44 ")]
    [InlineData("CN-４４")]
    public void Malformed_codes_are_refused_with_a_reason(string text)
    {
        Assert.False(OrgCode.TryParse(text, out _, out var reason));
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }

    [Fact]
    public void Below_branch_there_is_no_level()
    {
        Assert.Equal(OrgLevel.Provincial, OrgLevel.National.Below());
        Assert.Null(OrgLevel.Branch.Below());
    }
}
