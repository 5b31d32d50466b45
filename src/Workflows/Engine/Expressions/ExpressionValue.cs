using Relief.Workflows.Funds;

namespace Relief.Workflows.Engine.Expressions;

/// <summary>The kinds of value an expression works on.</summary>
public enum ValueType
{
    Bool,
    Number,
    Money,
    Text,
    TextList,
    NumberList,
}

/// <summary>A value in an expression: exactly one of its kinds. Money is whole fen, numbers are decimals.</summary>
[GenerateSerializer, Immutable, Alias("Relief.Engine.ExpressionValue")]
public sealed record ExpressionValue
{
    private ExpressionValue(ValueType type) => Type = type;

    [Id(0)] public ValueType Type { get; private init; }

    [Id(1)] public bool Bool { get; private init; }

    [Id(2)] public decimal Number { get; private init; }

    [Id(3)] public Money Money { get; private init; }

    [Id(4)] public string Text { get; private init; } = "";

    [Id(5)] public IReadOnlyList<string> Texts { get; private init; } = [];

    [Id(6)] public IReadOnlyList<decimal> Numbers { get; private init; } = [];

    public static ExpressionValue Of(bool value) => new(ValueType.Bool) { Bool = value };

    public static ExpressionValue Of(decimal value) => new(ValueType.Number) { Number = value };

    public static ExpressionValue Of(Money value) => new(ValueType.Money) { Money = value };

    public static ExpressionValue Of(string value) => new(ValueType.Text) { Text = value };

    public static ExpressionValue OfTexts(IEnumerable<string> values) => new(ValueType.TextList) { Texts = [.. values] };

    public static ExpressionValue OfNumbers(IEnumerable<decimal> values) => new(ValueType.NumberList) { Numbers = [.. values] };

    public bool Equals(ExpressionValue? other) => other is not null && Type == other.Type && Type switch
    {
        ValueType.Bool => Bool == other.Bool,
        ValueType.Number => Number == other.Number,
        ValueType.Money => Money == other.Money,
        ValueType.Text => Text == other.Text,
        ValueType.TextList => Texts.SequenceEqual(other.Texts),
        _ => Numbers.SequenceEqual(other.Numbers),
    };

    public override int GetHashCode() => HashCode.Combine(Type, Bool, Number, Money, Text);

    public override string ToString() => Type switch
    {
        ValueType.Bool => Bool ? "true" : "false",
        ValueType.Number => Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ValueType.Money => Money.ToString(),
        ValueType.Text => $"\"{Text}\"",
        ValueType.TextList => $"[{string.Join(", ", Texts.Select(t => $"\"{t}\""))}]",
        _ => $"[{string.Join(", ", Numbers)}]",
    };
}
