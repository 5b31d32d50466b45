using Relief.Api.Common;

namespace Relief.Api.Tests;

/// <summary>What text and goods a request may carry.</summary>
public class TextAndGoodsTests
{
    [Theory]
    [InlineData("\u0301\u0301\u0301", "combining marks only")]
    [InlineData("\u0301张建明", "a combining mark first")]
    [InlineData("张 \u0301明", "a combining mark after a space")]
    [InlineData("\u3164\u3164", "Hangul fillers")]
    [InlineData("张\u2800明", "a blank braille pattern")]
    [InlineData("\ufe0f", "a variation selector alone")]
    public void Text_that_prints_as_nothing_or_combines_with_nothing_is_refused(string text, string what)
    {
        var errors = new FieldErrors();

        errors.Text("applicant.name", text, 50);

        Assert.True(errors.ByField.ContainsKey("applicant.name"), what);
    }

    [Theory]
    [InlineData("Jose\u0301")]
    [InlineData("阿依古丽·买买提")]
    [InlineData("👍🏽")]
    public void Combining_marks_on_a_letter_are_fine(string text)
    {
        var errors = new FieldErrors();

        Assert.Equal(text, errors.Text("applicant.name", text, 50));
        Assert.False(errors.Any);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(GoodsRequest.MaxQuantity + 1)]
    public void Goods_are_handed_over_in_whole_quantities_of_at_least_one(int quantity)
    {
        var errors = new FieldErrors();

        GoodsRequest.ToGoods("goods", [new GoodsRequest("大米", quantity, "袋", 50m)], errors);

        Assert.True(errors.ByField.ContainsKey("goods[0].quantity"));
    }

    [Fact]
    public void An_item_needs_its_quantity_and_a_name()
    {
        var errors = new FieldErrors();

        GoodsRequest.ToGoods("goods", [new GoodsRequest("大米", null, null, null), new GoodsRequest("", 1, null, null), null], errors);

        Assert.Equal(["goods[0].quantity", "goods[1].name", "goods[2]"], errors.ByField.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_good_item_maps_to_goods_in_kind()
    {
        var errors = new FieldErrors();

        var goods = GoodsRequest.ToGoods("goods", [new GoodsRequest(" 大米 ", 2, "袋", 80m)], errors);

        Assert.False(errors.Any);
        Assert.Equal(new Relief.Workflows.Programmes.GoodsItem("大米", 2, "袋", new Relief.Workflows.Funds.Money(8000)), Assert.Single(goods));
    }
}
