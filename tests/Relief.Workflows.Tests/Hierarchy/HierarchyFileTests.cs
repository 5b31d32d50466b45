using System.Text;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Tests.Hierarchy;

public class HierarchyFileTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_good_file_is_read_with_or_without_header_and_bom()
    {
        const string body = "CN,中华全国总工会,\nCN-44,广东省总工会,CN\nCN-44-03,深圳市总工会,CN-44\n";
        var withHeader = Utf8("\uFEFFcode,name,parent_code\n" + body);

        var (rows, errors) = HierarchyFile.Read(withHeader);
        var (plainRows, plainErrors) = HierarchyFile.Read(Utf8(body));

        Assert.Empty(errors);
        Assert.Empty(plainErrors);
        Assert.Equal(["CN", "CN-44", "CN-44-03"], rows.Select(r => r.Code.Value));
        Assert.Equal(rows.Select(r => (r.Code, r.Name, r.Parent)), plainRows.Select(r => (r.Code, r.Name, r.Parent)));
        Assert.Equal("深圳市总工会", rows[2].Name);
        Assert.Equal(4, rows[2].Line);
    }

    [Fact]
    public void Members_may_be_given_in_a_fourth_column_and_must_be_a_whole_number()
    {
        var (rows, errors) = HierarchyFile.Read(Utf8("code,name,parent_code,members\nCN,中华全国总工会,,26436\nCN-44,广东省总工会,CN,\nCN-44-03,深圳市总工会,CN-44,6226\n"));

        Assert.Empty(errors);
        Assert.Equal([26436, null, 6226], rows.Select(r => r.Members));

        var (_, bad) = HierarchyFile.Read(Utf8("CN,中华全国总工会,,-5\nCN-44,广东省总工会,CN,一万\nCN-32,江苏省总工会,CN,900000000\n"));
        Assert.Equal([1, 2, 3], bad.Select(e => e.Line));
        Assert.All(bad, e => Assert.Contains("members: a whole number", e.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Quoted_names_may_hold_commas()
    {
        var (rows, errors) = HierarchyFile.Read(Utf8("CN,中华全国总工会,\nCN-44,\"广东省总工会,省直\",CN\n"));

        Assert.Empty(errors);
        Assert.Equal("广东省总工会,省直", rows[1].Name);
    }

    [Fact]
    public void Every_bad_line_is_named_with_its_reason()
    {
        const string file = """
            code,name,parent_code
            CN,中华全国总工会,
            CN-44,广东省总工会,CN
            CN-44-03,,CN-44
            CN-44-03-05,南山区总工会,CN
            CN-44,广东省总工会（重复）,CN
            CN-44-03-05-0012-01,太深的单位,CN-44-03-05-0012
            CN-32,江苏省总工会
            CN-32-01,南京市总工会,
            """;

        var (_, errors) = HierarchyFile.Read(Utf8(file));

        Assert.Collection(errors,
            e => AssertError(e, 4, "name is empty"),
            e => AssertError(e, 5, "cannot sit under CN"),
            e => AssertError(e, 6, "duplicate code CN-44 (first on line 3)"),
            e => AssertError(e, 7, "not an org code"),
            e => AssertError(e, 8, "expected 3 fields (code, name, parent code) or 4"),
            e => AssertError(e, 9, "has no parent code"));
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused_at_the_first_bad_line()
    {
        var gbkName = new byte[] { 0xB9, 0xE3, 0xB6, 0xAB }; // 广东 in GBK: not valid UTF-8
        var file = Utf8("CN,中华全国总工会,\nCN-44,").Concat(gbkName).Concat(Utf8(",CN\n")).ToArray();

        var (rows, errors) = HierarchyFile.Read(file);

        Assert.Empty(rows);
        var error = Assert.Single(errors);
        AssertError(error, 2, "not valid UTF-8");
    }

    [Fact]
    public void The_national_unit_cannot_have_a_parent_and_an_empty_file_is_refused()
    {
        var (_, parentErrors) = HierarchyFile.Read(Utf8("CN,中华全国总工会,CN-44\n"));
        var (_, emptyErrors) = HierarchyFile.Read(Utf8("code,name,parent_code\n"));

        AssertError(Assert.Single(parentErrors), 1, "cannot have a parent");
        AssertError(Assert.Single(emptyErrors), 0, "no org units");
    }

    private static void AssertError(HierarchyFileError error, int line, string reasonPart)
    {
        Assert.Equal(line, error.Line);
        Assert.Contains(reasonPart, error.Reason, StringComparison.Ordinal);
    }
}
