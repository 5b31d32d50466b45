using Relief.Workflows.Definitions;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Tests.Definitions;

public class WorkflowDefinitionTests
{
    private static readonly string[] Categories = ["archived", "low-income", "hardship", "migrant", "model-worker", "front-line"];

    private const string ThreeLevelsWithRules = """
        {
          "route": ["Branch", "District", "City"],
          "rules": [
            { "name": "大额加审", "when": { "amountAbove": "2000.00" }, "add": ["Provincial"] },
            { "when": { "categories": ["model-worker"] }, "skip": ["City"] }
          ]
        }
        """;

    private static WorkflowDefinition Read(string json)
    {
        var (definition, problems) = WorkflowDefinitionReader.Read(json, Categories);
        Assert.Empty(problems);
        return definition!;
    }

    private static IReadOnlyList<DefinitionProblem> Problems(string json) =>
        WorkflowDefinitionReader.Read(json, Categories).Problems;

    [Fact]
    public void The_route_of_a_case_follows_the_rules_that_hold_for_it()
    {
        var definition = Read(ThreeLevelsWithRules);

        Assert.Equal([OrgLevel.Branch, OrgLevel.District, OrgLevel.City], definition.RouteFor(Money.FromYuan(1500), "archived"));
        Assert.Equal([OrgLevel.Branch, OrgLevel.District, OrgLevel.City, OrgLevel.Provincial], definition.RouteFor(Money.FromYuan(2500), "archived"));
        Assert.Equal([OrgLevel.Branch, OrgLevel.District, OrgLevel.City], definition.RouteFor(Money.FromYuan(2000), "archived"));
        Assert.Equal([OrgLevel.Branch, OrgLevel.District], definition.RouteFor(Money.FromYuan(800), "model-worker"));
    }

    [Fact]
    public void Malformed_json_is_refused_with_line_and_position()
    {
        var problem = Assert.Single(Problems("{ \"route\": [\"Branch\", }"));

        Assert.Equal("", problem.Path);
        Assert.Contains("not valid JSON (line 1", problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "rules": [] }""", "", "route")]
    [InlineData("""{ "route": [] }""", "/route", "")]
    [InlineData("""{ "route": ["Branch", "County"] }""", "/route/1", "")]
    [InlineData("""{ "route": ["Branch"], "rules": [ { "when": { "amountAbove": "1.005" }, "add": ["City"] } ] }""", "/rules/0/when/amountAbove", "")]
    [InlineData("""{ "route": ["Branch"], "rules": [ { "when": { "amountAbove": "100" } } ] }""", "/rules/0", "")]
    [InlineData("""{ "route": ["Branch"], "approvers": 3 }""", "/approvers", "not part of a workflow definition")]
    public void Schema_violations_are_refused_at_their_path(string json, string path, string mention)
    {
        var problems = Problems(json);

        Assert.NotEmpty(problems);
        Assert.Contains(problems, p => p.Path == path && p.Reason.Contains(mention, StringComparison.Ordinal));
    }

    [Fact]
    public void Levels_out_of_order_unknown_categories_and_routes_that_can_vanish_are_refused()
    {
        var problems = Problems("""
            {
              "route": ["District", "Branch"],
              "rules": [
                { "when": { "categories": ["students"] }, "skip": ["District", "Branch"] },
                { "when": { "amountAbove": "10" }, "add": ["City"], "skip": ["City"] }
              ]
            }
            """);

        Assert.Contains(problems, p => p.Path == "/route/1" && p.Reason.Contains("cannot come after District", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "/rules/0/when/categories/0" && p.Reason.Contains("no category 'students'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "/rules/1" && p.Reason.Contains("both adds and skips City", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "/rules" && p.Reason.Contains("skip every level", StringComparison.Ordinal));
    }

    [Fact]
    public void The_diagram_draws_every_possible_level_bottom_up_and_marks_conditional_and_current_steps()
    {
        var diagram = WorkflowDiagram.Mermaid(Read(ThreeLevelsWithRules), "en", current: OrgLevel.District);

        Assert.StartsWith("flowchart BT\n", diagram, StringComparison.Ordinal);
        Assert.Contains("filed --> Branch\n    Branch --> District\n    District --> City\n    City --> Provincial\n    Provincial --> approved\n", diagram, StringComparison.Ordinal);
        Assert.Contains("Provincial[\"Province approves<br/>only when amount above 2000.00\"]", diagram, StringComparison.Ordinal);
        Assert.Contains("City[\"City approves<br/>skipped when category model-worker\"]", diagram, StringComparison.Ordinal);
        Assert.Contains("class City,Provincial conditional", diagram, StringComparison.Ordinal);
        Assert.Contains("class District current", diagram, StringComparison.Ordinal);
    }

    [Fact]
    public void The_diagram_speaks_chinese_by_default()
    {
        var diagram = WorkflowDiagram.Mermaid(Read(ThreeLevelsWithRules));

        Assert.Contains("区县总工会审批", diagram, StringComparison.Ordinal);
        Assert.Contains("仅当金额超过2000.00元", diagram, StringComparison.Ordinal);
    }
}
