using System.Globalization;

namespace Relief.Workflows.Funds;

/// <summary>
/// An amount of money in yuan, held as whole fen (1 yuan = 100 fen) so that sums are exact.
/// Amounts cross the edges as yuan with at most two decimals ("1500", "1500.5", "1500.50").
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.Money")]
public readonly record struct Money(
    [property: Id(0)] long Fen) : IComparable<Money>
{
    public static Money Zero => default;

    public static Money FromYuan(long yuan) => new(checked(yuan * 100));

    public decimal Yuan => Fen / 100m;

    public bool IsPositive => Fen > 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));

    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));

    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;

    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;

    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;

    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    /// <summary>Reads a yuan amount; null when it is not a number or has more than two decimals.</summary>
    public static bool TryParseYuan(decimal yuan, out Money money)
    {
        money = default;
        // Checked before multiplying: near decimal's own limit, yuan × 100 would throw instead of answering no.
        if (yuan is > long.MaxValue / 100m or < long.MinValue / 100m)
        {
            return false;
        }
        var fen = yuan * 100m;
        if (fen != decimal.Truncate(fen))
        {
            return false;
        }
        money = new Money((long)fen);
        return true;
    }

    /// <summary>Reads a yuan amount written as text, with a dot for decimals and no grouping.</summary>
    public static bool TryParseYuan(string? text, out Money money)
    {
        money = default;
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan)
               && TryParseYuan(yuan, out money);
    }

    /// <summary>Yuan with two decimals, the way amounts leave the system: "1500.00".</summary>
    public override string ToString() => Yuan.ToString("0.00", CultureInfo.InvariantCulture);
}
