using Relief.Workflows.Programmes;

namespace Relief.Api.Common;

/// <summary>One item of goods in kind (rice, oil, a quilt) as a request names it: a filing's goods or a category's.</summary>
public sealed record GoodsRequest(string? Name, int? Quantity, string? Unit, decimal? UnitValue)
{
    /// <summary>More items than any hand-over lists; a longer list is a client's mistake.</summary>
    public const int MaxItems = 50;

    /// <summary>The most of one item handed to one household (a township gave 2 jin of sweets, a bag of rice).</summary>
    public const int MaxQuantity = 10_000;

    /// <summary>
    /// The items, each checked: a name, a whole quantity of at least one (a quantity of 0 or -5 hands over nothing,
    /// or takes goods back, yet would be counted in the roll-up), an optional unit, a value of 0 or more.
    /// </summary>
    public static List<GoodsItem> ToGoods(string field, IReadOnlyList<GoodsRequest?>? goods, FieldErrors errors)
    {
        if (goods is null)
        {
            return [];
        }
        if (goods.Count > MaxItems)
        {
            errors.Add(field, $"at most {MaxItems} items");
            return [];
        }
        return goods.Select((item, i) => item is null
            ? Missing($"{field}[{i}]", errors)
            : item.ToItem($"{field}[{i}]", errors)).ToList();
    }

    private GoodsItem ToItem(string field, FieldErrors errors)
    {
        var quantity = errors.Required($"{field}.quantity", Quantity);
        if (Quantity is { } given && given is < 1 or > MaxQuantity)
        {
            errors.Add($"{field}.quantity", $"a whole number from 1 to {MaxQuantity}");
        }
        return new GoodsItem(
            errors.Text($"{field}.name", Name, 50),
            quantity,
            errors.Text($"{field}.unit", Unit, 10, required: false),
            errors.Amount($"{field}.unitValue", UnitValue ?? 0m, allowZero: true));
    }

    private static GoodsItem Missing(string field, FieldErrors errors)
    {
        errors.Add(field, "an item needs a name and a quantity");
        return new GoodsItem("", 0, "", Workflows.Funds.Money.Zero);
    }
}
