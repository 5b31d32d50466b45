using System.Text.Json.Nodes;
using Relief.Workflows.Engine.Expressions;
using Relief.Workflows.Engine.Forms;
using Relief.Workflows.Funds;

namespace Relief.Workflows.Tests.Engine;

/// <summary>A home-visit report's answers against the form its definition declares.</summary>
public class FormAnswerTests
{
    private static readonly FormDefinition Visit = FormDefinition.Of(JsonNode.Parse("""
        { "fields": [
          { "name": "visitedOn", "label": "走访日期", "type": "date", "required": true },
          { "name": "visitors", "label": "走访人员", "type": "text", "required": true, "maxLength": 20 },
          { "name": "findings", "label": "家庭情况", "type": "longText" },
          { "name": "members", "label": "家庭人口", "type": "number", "min": 1, "max": 30 },
          { "name": "householdIncome", "label": "家庭月收入", "type": "money", "required": true, "min": 0, "max": 100000 },
          { "name": "mode", "label": "方式", "type": "choice", "choices": ["上门走访", "电话慰问"] },
          { "name": "needs", "label": "提出的需求", "type": "items", "maxLength": 3 },
          { "name": "confirmed", "label": "情况属实", "type": "yesNo", "required": true }
        ] }
        """));

    private static JsonObject Good() => JsonNode.Parse("""
        { "visitedOn": "2027-01-12", "visitors": " 王芳、李强 ", "findings": "老伴卧床，\n儿子在读高中", "members": 3, "householdIncome": "1200.50",
          "mode": "上门走访", "needs": ["孩子助学", "医疗报销咨询"], "confirmed": true }
        """)!.AsObject();

    [Fact]
    public void Good_answers_are_kept_normalised_and_become_the_case_s_variables()
    {
        var result = FormAnswers.Check("visit", Visit, Good());

        Assert.Empty(result.Problems);
        Assert.Equal("王芳、李强", result.Answers["visitors"]!.GetValue<string>());
        Assert.Equal("1200.50", result.Answers["householdIncome"]!.GetValue<string>());
        Assert.Equal(ExpressionValue.Of(new Money(120_050)), result.Variables["visit.householdIncome"]);
        Assert.Equal(ExpressionValue.Of(2m), result.Variables["visit.needs"]);
        Assert.Equal(ExpressionValue.Of(true), result.Variables["visit.confirmed"]);
    }

    [Theory]
    [InlineData("visitedOn", "\"12/01/2027\"", "a date")]
    [InlineData("visitors", "123", "a text")]
    [InlineData("visitors", "\"一二三四五六七八九十一二三四五六七八九十一\"", "at most 20 characters")]
    [InlineData("visitors", "\"王芳\\n李强\"", "one line")]
    [InlineData("members", "0", "from 1 to 30")]
    [InlineData("members", "\"3\"", "a number")]
    [InlineData("householdIncome", "\"1200.505\"", "two decimals")]
    [InlineData("householdIncome", "-1", "from 0 to 100000")]
    [InlineData("mode", "\"写信\"", "one of 上门走访, 电话慰问")]
    [InlineData("needs", "[\"a\", \"b\", \"c\", \"d\"]", "at most 3 items")]
    [InlineData("needs", "[\"\"]", "a list of items")]
    [InlineData("confirmed", "\"yes\"", "yes or no")]
    public void An_answer_of_the_wrong_type_or_out_of_bounds_is_refused_naming_the_field(string field, string json, string reason)
    {
        var answers = Good();
        answers[field] = JsonNode.Parse(json);

        var problem = Assert.Single(FormAnswers.Check("visit", Visit, answers).Problems);

        Assert.Equal($"answers.{field}", problem.Field);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("visitedOn")]
    [InlineData("householdIncome")]
    [InlineData("confirmed")]
    public void A_required_answer_left_out_or_blank_is_refused(string field)
    {
        var missing = Good();
        missing.Remove(field);
        var blank = Good();
        blank[field] = "  ";

        Assert.Equal($"answers.{field}", Assert.Single(FormAnswers.Check("visit", Visit, missing).Problems).Field);
        Assert.Equal($"answers.{field}", Assert.Single(FormAnswers.Check("visit", Visit, blank).Problems).Field);
    }

    [Fact]
    public void An_answer_the_form_does_not_ask_for_is_refused()
    {
        var answers = Good();
        answers["bankAccount"] = "6222 0000";

        Assert.Equal("answers.bankAccount", Assert.Single(FormAnswers.Check("visit", Visit, answers).Problems).Field);
    }
}
