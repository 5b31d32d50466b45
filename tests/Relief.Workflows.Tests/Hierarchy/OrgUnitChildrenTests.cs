using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Tests.Hierarchy;

public class OrgUnitChildrenTests
{
    [Fact]
    public void Merging_keeps_children_sorted_renames_in_place_and_counts_changes()
    {
        var children = new List<OrgUnitSummary> { new("CN-44", "广东省总工会", OrgLevel.Provincial) };

        var added = OrgUnitChildren.Merge(children, [new("CN-32", "江苏省总工会", OrgLevel.Provincial)]);
        var again = OrgUnitChildren.Merge(children, [new("CN-32", "江苏省总工会", OrgLevel.Provincial)]);
        var renamed = OrgUnitChildren.Merge(children, [new("CN-44", "广东省总工会（新）", OrgLevel.Provincial)]);

        Assert.Equal((1, 0, 1), (added, again, renamed));
        Assert.Equal(["CN-32", "CN-44"], children.Select(c => c.Code));
        Assert.Equal("广东省总工会（新）", children[1].Name);
    }

    [Fact]
    public void Names_are_trimmed_and_empty_or_overlong_names_are_refused()
    {
        Assert.Equal("南山区总工会", OrgUnitName.Check("  南山区总工会 "));
        Assert.Throws<ArgumentException>(() => OrgUnitName.Check(" "));
        Assert.Throws<ArgumentException>(() => OrgUnitName.Check(new string('工', OrgUnitName.MaxLength + 1)));
    }
}
