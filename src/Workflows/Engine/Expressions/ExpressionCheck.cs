namespace Relief.Workflows.Engine.Expressions;

/// <summary>
/// Works out an expression's type against the fields a definition knows, before it is saved: every field must
/// exist, every operator meet the types it works on, and a condition must be true or false. A number written
/// beside money is yuan (at most two decimals); money is compared only with money or such a number, and
/// multiplied only by a number (a whole one, checked when it is evaluated).
/// </summary>
public static class ExpressionCheck
{
    public static IReadOnlyList<ExpressionProblem> Condition(Expression expression, IReadOnlyDictionary<string, ValueType> fields)
    {
        var problems = new List<ExpressionProblem>();
        var type = TypeOf(expression, fields, problems);
        if (problems.Count == 0 && type != ValueType.Bool)
        {
            problems.Add(new ExpressionProblem(expression.Position, $"a condition must be true or false, not a {Describe(type)}"));
        }
        return problems;
    }

    /// <summary>The type of <paramref name="expression"/>, or null (with a problem added) when it has none.</summary>
    public static ValueType? TypeOf(Expression expression, IReadOnlyDictionary<string, ValueType> fields, List<ExpressionProblem> problems) => expression switch
    {
        Literal literal => literal.Value.Type,
        FieldReference field => fields.TryGetValue(field.Name, out var type)
            ? type
            : Problem(problems, field.Position, $"no field '{field.Name}' (known: {string.Join(", ", fields.Keys.Order(StringComparer.Ordinal))})"),
        ListLiteral list => ListType(list, fields, problems),
        Unary unary => UnaryType(unary, TypeOf(unary.Operand, fields, problems), problems),
        Binary binary => BinaryType(binary, fields, problems),
        _ => Problem(problems, expression.Position, "not an expression"),
    };

    private static ValueType? ListType(ListLiteral list, IReadOnlyDictionary<string, ValueType> fields, List<ExpressionProblem> problems)
    {
        var types = list.Items.Select(item => (item, type: TypeOf(item, fields, problems))).ToList();
        if (types.Any(t => t.type is null))
        {
            return null;
        }
        if (list.Items.Any(item => item is not (Literal or Unary { Operand: Literal })))
        {
            return Problem(problems, list.Position, "a list holds written values only, \"texts\" or numbers");
        }
        return types.All(t => t.type == ValueType.Text) ? ValueType.TextList
            : types.All(t => t.type is ValueType.Number) ? ValueType.NumberList
            : Problem(problems, list.Position, "a list holds texts or numbers, not both");
    }

    private static ValueType? UnaryType(Unary unary, ValueType? operand, List<ExpressionProblem> problems) => (unary.Operator, operand) switch
    {
        (_, null) => null,
        ("not", ValueType.Bool) => ValueType.Bool,
        ("-", ValueType.Number or ValueType.Money) => operand,
        _ => Problem(problems, unary.Position, $"'{unary.Operator}' does not apply to a {Describe(operand)}"),
    };

    private static ValueType? BinaryType(Binary binary, IReadOnlyDictionary<string, ValueType> fields, List<ExpressionProblem> problems)
    {
        var left = TypeOf(binary.Left, fields, problems);
        var right = TypeOf(binary.Right, fields, problems);
        if (left is null || right is null)
        {
            return null;
        }
        var (l, r) = (left.Value, right.Value);
        var known = problems.Count;
        switch (binary.Operator)
        {
            case "and" or "or" when l == ValueType.Bool && r == ValueType.Bool:
                return ValueType.Bool;
            case "==" or "!=" when l == r && l is not (ValueType.TextList or ValueType.NumberList):
                return ValueType.Bool;
            case "==" or "!=" or "<" or "<=" or ">" or ">=" when Numeric(binary, l, r, problems) is { } numeric && numeric != ValueType.Text:
                return ValueType.Bool;
            case "<" or "<=" or ">" or ">=" when l == ValueType.Number && r == ValueType.Number:
                return ValueType.Bool;
            case "in" or "not in" when (l == ValueType.Text && r == ValueType.TextList) || (l == ValueType.Number && r == ValueType.NumberList):
                return ValueType.Bool;
            case "in" or "not in" when l == ValueType.Money && r == ValueType.NumberList:
                return YuanLiterals(binary.Right, problems) ? ValueType.Bool : null;
            case "+" or "-" when l == ValueType.Number && r == ValueType.Number:
                return ValueType.Number;
            case "+" or "-" when Numeric(binary, l, r, problems) == ValueType.Money:
                return ValueType.Money;
            case "*" when l == ValueType.Number && r == ValueType.Number:
                return ValueType.Number;
            case "*" when (l, r) is (ValueType.Money, ValueType.Number) or (ValueType.Number, ValueType.Money):
                return ValueType.Money;
        }
        return problems.Count > known
            ? null
            : Problem(problems, binary.Position, $"'{binary.Operator}' does not apply to a {Describe(l)} and a {Describe(r)}");
    }

    /// <summary>Money beside money, or beside a number written as yuan: Money. Two numbers: Number. Else null (or Text, meaning no).</summary>
    private static ValueType? Numeric(Binary binary, ValueType l, ValueType r, List<ExpressionProblem> problems) => (l, r) switch
    {
        (ValueType.Money, ValueType.Money) => ValueType.Money,
        (ValueType.Money, ValueType.Number) => YuanLiterals(binary.Right, problems) ? ValueType.Money : ValueType.Text,
        (ValueType.Number, ValueType.Money) => YuanLiterals(binary.Left, problems) ? ValueType.Money : ValueType.Text,
        _ => null,
    };

    /// <summary>True when <paramref name="side"/> is written yuan (a number literal, or a list of them) with at most two decimals.</summary>
    private static bool YuanLiterals(Expression side, List<ExpressionProblem> problems)
    {
        var literals = side switch
        {
            ListLiteral list => list.Items,
            _ => [side],
        };
        foreach (var literal in literals)
        {
            if (NumberOf(literal) is not { } yuan)
            {
                problems.Add(new ExpressionProblem(side.Position, "money is compared with money or with an amount written in yuan, not with a count"));
                return false;
            }
            if (!Funds.Money.TryParseYuan(yuan, out _))
            {
                problems.Add(new ExpressionProblem(literal.Position, $"{yuan} yuan: an amount has at most two decimals"));
                return false;
            }
        }
        return true;
    }

    internal static decimal? NumberOf(Expression expression) => expression switch
    {
        Literal { Value.Type: ValueType.Number } literal => literal.Value.Number,
        Unary { Operator: "-", Operand: Literal { Value.Type: ValueType.Number } literal } => -literal.Value.Number,
        _ => null,
    };

    private static ValueType? Problem(List<ExpressionProblem> problems, int position, string reason)
    {
        problems.Add(new ExpressionProblem(position, reason));
        return null;
    }

    private static string Describe(ValueType? type) => type switch
    {
        ValueType.Bool => "yes/no",
        ValueType.Number => "number",
        ValueType.Money => "money amount",
        ValueType.Text => "text",
        ValueType.TextList => "list of texts",
        ValueType.NumberList => "list of numbers",
        _ => "value of no type",
    };
}
