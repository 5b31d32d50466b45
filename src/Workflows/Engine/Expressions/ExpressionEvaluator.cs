using Relief.Workflows.Funds;

namespace Relief.Workflows.Engine.Expressions;

/// <summary>
/// Evaluates a checked expression over a case's variables. What a check cannot see is refused here with a
/// reason, never guessed: a variable the case does not have yet, money multiplied by a fraction, an overflow.
/// </summary>
public static class ExpressionEvaluator
{
    public static (ExpressionValue? Value, string? Problem) Evaluate(Expression expression, IReadOnlyDictionary<string, ExpressionValue> variables)
    {
        try
        {
            return (Value(expression, variables), null);
        }
        catch (EvaluationException ex)
        {
            return (null, ex.Message);
        }
        catch (OverflowException)
        {
            return (null, "an amount grew beyond what can be counted");
        }
    }

    private sealed class EvaluationException(string reason) : Exception(reason);

    private static ExpressionValue Value(Expression expression, IReadOnlyDictionary<string, ExpressionValue> variables) => expression switch
    {
        Literal literal => literal.Value,
        FieldReference field => variables.TryGetValue(field.Name, out var value)
            ? value
            : throw new EvaluationException($"the case has no value for '{field.Name}' yet"),
        ListLiteral list => ListValue(list, variables),
        Unary { Operator: "not" } unary => ExpressionValue.Of(!Value(unary.Operand, variables).Bool),
        Unary unary => Value(unary.Operand, variables) switch
        {
            { Type: ValueType.Money } money => ExpressionValue.Of(new Money(checked(-money.Money.Fen))),
            var number => ExpressionValue.Of(-number.Number),
        },
        Binary { Operator: "and" } binary => ExpressionValue.Of(Value(binary.Left, variables).Bool && Value(binary.Right, variables).Bool),
        Binary { Operator: "or" } binary => ExpressionValue.Of(Value(binary.Left, variables).Bool || Value(binary.Right, variables).Bool),
        Binary binary => Apply(binary.Operator, Value(binary.Left, variables), Value(binary.Right, variables)),
        _ => throw new EvaluationException("not an expression"),
    };

    private static ExpressionValue ListValue(ListLiteral list, IReadOnlyDictionary<string, ExpressionValue> variables)
    {
        var items = list.Items.Select(item => Value(item, variables)).ToList();
        return items.All(i => i.Type == ValueType.Text) ? ExpressionValue.OfTexts(items.Select(i => i.Text)) : ExpressionValue.OfNumbers(items.Select(i => i.Number));
    }

    private static ExpressionValue Apply(string op, ExpressionValue left, ExpressionValue right)
    {
        if (op is "in" or "not in")
        {
            var member = right.Type == ValueType.TextList
                ? right.Texts.Contains(left.Text, StringComparer.Ordinal)
                : left.Type == ValueType.Money ? right.Numbers.Any(n => AsMoney(n) == left.Money) : right.Numbers.Contains(left.Number);
            return ExpressionValue.Of(op == "in" ? member : !member);
        }
        if (left.Type == ValueType.Money || right.Type == ValueType.Money)
        {
            return op == "*" ? Multiply(left, right) : MoneyApply(op, AsMoney(left), AsMoney(right));
        }
        return (left.Type, op) switch
        {
            (ValueType.Number, _) => NumberApply(op, left.Number, right.Number),
            (_, "==") => ExpressionValue.Of(left.Equals(right)),
            (_, "!=") => ExpressionValue.Of(!left.Equals(right)),
            _ => throw new EvaluationException($"'{op}' does not apply to {left} and {right}"),
        };
    }

    private static ExpressionValue MoneyApply(string op, Money left, Money right) => op switch
    {
        "+" => ExpressionValue.Of(left + right),
        "-" => ExpressionValue.Of(left - right),
        _ => ExpressionValue.Of(Compare(op, left.Fen.CompareTo(right.Fen))),
    };

    private static ExpressionValue NumberApply(string op, decimal left, decimal right) => op switch
    {
        "+" => ExpressionValue.Of(left + right),
        "-" => ExpressionValue.Of(left - right),
        "*" => ExpressionValue.Of(left * right),
        _ => ExpressionValue.Of(Compare(op, left.CompareTo(right))),
    };

    /// <summary>Money times a whole number: 500.00 yuan a head × 3 people. A fraction of a fen is never made.</summary>
    private static ExpressionValue Multiply(ExpressionValue left, ExpressionValue right)
    {
        var (money, factor) = left.Type == ValueType.Money ? (left.Money, right.Number) : (right.Money, left.Number);
        if (factor != decimal.Truncate(factor) || factor is > long.MaxValue or < long.MinValue)
        {
            throw new EvaluationException($"money is multiplied by whole numbers only, not {factor}");
        }
        return ExpressionValue.Of(new Money(checked(money.Fen * (long)factor)));
    }

    private static Money AsMoney(ExpressionValue value) => value.Type == ValueType.Money ? value.Money : AsMoney(value.Number);

    private static Money AsMoney(decimal yuan) =>
        Money.TryParseYuan(yuan, out var money) ? money : throw new EvaluationException($"{yuan} yuan: an amount has at most two decimals");

    private static bool Compare(string op, int order) => op switch
    {
        "==" => order == 0,
        "!=" => order != 0,
        "<" => order < 0,
        "<=" => order <= 0,
        ">" => order > 0,
        ">=" => order >= 0,
        _ => throw new EvaluationException($"'{op}' is not a comparison"),
    };
}
