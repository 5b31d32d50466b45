using Relief.Workflows.Applicants;

namespace Relief.Workflows.Tests.Applicants;

public class MaskingTests
{
    [Theory]
    [InlineData("王", "王")]
    [InlineData("李娜", "李*")]
    [InlineData("张建明", "张*明")]
    [InlineData("欧阳晓燕", "欧**燕")]
    [InlineData(" 张建明 ", "张*明")]
    public void Names_keep_the_first_character_and_for_three_or_more_the_last(string name, string masked) =>
        Assert.Equal(masked, ApplicantNames.Mask(name));

    [Fact]
    public void Characters_outside_the_basic_plane_count_as_one()
    {
        // 𠮷 (U+20BB7) is two UTF-16 units but one character of a name.
        Assert.Equal("𠮷*明", ApplicantNames.Mask("𠮷小明"));
    }
}
