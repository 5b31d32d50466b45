using System.Globalization;
using CsCheck;
using Relief.Workflows.Engine.Expressions;
using Relief.Workflows.Funds;
using ValueType = Relief.Workflows.Engine.Expressions.ValueType;

namespace Relief.Workflows.Tests.Engine;

/// <summary>The conditions of decide nodes: parsed and checked when a definition is saved, evaluated to the fen.</summary>
public class ExpressionTests
{
    private static readonly Dictionary<string, ValueType> Fields = new()
    {
        ["amount"] = ValueType.Money,
        ["category"] = ValueType.Text,
        ["householdSize"] = ValueType.Number,
        ["visit.needsFollowUp"] = ValueType.Bool,
    };

    private static Expression Checked(string text)
    {
        var (expression, problem) = ExpressionParser.Parse(text);
        Assert.Null(problem);
        Assert.Empty(ExpressionCheck.Condition(expression!, Fields));
        return expression!;
    }

    private static bool Evaluate(string text, long amountFen, string category = "archived", int householdSize = 3, bool followUp = false)
    {
        var (value, problem) = ExpressionEvaluator.Evaluate(Checked(text), new Dictionary<string, ExpressionValue>
        {
            ["amount"] = ExpressionValue.Of(new Money(amountFen)),
            ["category"] = ExpressionValue.Of(category),
            ["householdSize"] = ExpressionValue.Of(householdSize),
            ["visit.needsFollowUp"] = ExpressionValue.Of(followUp),
        });
        Assert.Null(problem);
        return value!.Bool;
    }

    private const string LargeGrant = """amount > 5000 and category in ["archived", "low-income"]""";

    [Theory]
    [InlineData(500_000, "archived", false)]
    [InlineData(500_001, "archived", true)]
    [InlineData(499_999, "low-income", false)]
    [InlineData(500_001, "low-income", true)]
    [InlineData(900_000, "migrant", false)]
    public void A_threshold_in_yuan_takes_the_right_branch_on_both_sides_to_the_fen(long fen, string category, bool above) =>
        Assert.Equal(above, Evaluate(LargeGrant, fen, category));

    [Theory]
    [InlineData("""category not in ["migrant"]""", true)]
    [InlineData("""not (category == "archived")""", false)]
    [InlineData("amount - 1500 >= 0 or visit.needsFollowUp", true)]
    [InlineData("amount == 1500.00", true)]
    [InlineData("amount * householdSize > 4500", false)]
    [InlineData("amount * householdSize == 4500", true)]
    [InlineData("householdSize >= 3 and householdSize * 2 < 7", true)]
    [InlineData("-amount < 0", true)]
    [InlineData("amount in [1000, 1500]", true)]
    public void Comparisons_lists_and_money_arithmetic_evaluate_exactly(string text, bool expected) =>
        Assert.Equal(expected, Evaluate(text, 150_000));

    [Theory]
    [InlineData("amount >", 8, "ends too soon")]
    [InlineData("amount = 5", 7, "'=='")]
    [InlineData("category == \"archived", 12, "not closed")]
    [InlineData("(amount > 1", 11, "')'")]
    [InlineData("amount > 5000 and", 17, "ends too soon")]
    [InlineData("amount > 5000; drop", 13, "unexpected character ';'")]
    [InlineData("amount > 1.2.3", 9, "not a number")]
    [InlineData("and amount > 1", 0, "needs something before it")]
    [InlineData("", 0, "empty")]
    public void A_condition_that_does_not_parse_is_refused_at_its_position(string text, int position, string reason)
    {
        var (expression, problem) = ExpressionParser.Parse(text);

        Assert.Null(expression);
        Assert.Equal(position, problem!.Position);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("income > 1000", "no field 'income'")]
    [InlineData("amount > householdSize", "not with a count")]
    [InlineData("amount > 0.001", "at most two decimals")]
    [InlineData("category > 3", "does not apply")]
    [InlineData("amount", "must be true or false")]
    [InlineData("visit.needsFollowUp and category", "does not apply")]
    [InlineData("""category in ["a", 1]""", "texts or numbers, not both")]
    [InlineData("""category in [amount]""", "written values only")]
    public void A_condition_that_names_an_unknown_field_or_mixes_types_is_refused(string text, string reason)
    {
        var (expression, problem) = ExpressionParser.Parse(text);
        Assert.Null(problem);

        var problems = ExpressionCheck.Condition(expression!, Fields);

        Assert.Contains(problems, p => p.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void The_known_fields_are_named_when_one_is_not()
    {
        var (expression, _) = ExpressionParser.Parse("income > 1000");

        Assert.Contains("known: amount, category, householdSize, visit.needsFollowUp", Assert.Single(ExpressionCheck.Condition(expression!, Fields)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Money_is_never_multiplied_into_a_fraction_of_a_fen_and_a_missing_answer_is_said()
    {
        var fraction = ExpressionEvaluator.Evaluate(Checked("amount * householdSize > 0"), new Dictionary<string, ExpressionValue>
        {
            ["amount"] = ExpressionValue.Of(new Money(1)),
            ["householdSize"] = ExpressionValue.Of(1.5m),
        });
        var missing = ExpressionEvaluator.Evaluate(Checked("visit.needsFollowUp"), new Dictionary<string, ExpressionValue>());

        Assert.Contains("whole numbers only", fraction.Problem, StringComparison.Ordinal);
        Assert.Contains("no value for 'visit.needsFollowUp'", missing.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_nested_hundreds_deep_is_refused_not_a_crash()
    {
        var (expression, problem) = ExpressionParser.Parse(new string('(', 900) + "true" + new string(')', 900));

        Assert.Null(expression);
        Assert.Contains("nested more than", problem!.Reason, StringComparison.Ordinal);
        Assert.Contains("at most", ExpressionParser.Parse(new string('1', ExpressionParser.MaxLength + 1)).Problem!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Money_comparisons_and_sums_agree_with_fen_arithmetic()
    {
        Gen.Select(Gen.Long[-10_000_000, 10_000_000], Gen.Long[0, 10_000_000], Gen.Long[0, 10_000_000]).Sample((amount, threshold, added) =>
        {
            var yuan = (threshold / 100m).ToString("0.00", CultureInfo.InvariantCulture);
            var plus = (added / 100m).ToString("0.00", CultureInfo.InvariantCulture);
            Assert.Equal(amount > threshold, Evaluate($"amount > {yuan}", amount));
            Assert.Equal(amount + added >= threshold, Evaluate($"amount + {plus} >= {yuan}", amount));
            Assert.Equal(amount - added == threshold, Evaluate($"amount - {plus} == {yuan}", amount));
        }, iter: 2000);
    }
}
