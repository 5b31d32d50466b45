using System.Globalization;
using CsCheck;
using Relief.Workflows.Common;
using Relief.Workflows.Definitions;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Definitions;
using Relief.Workflows.Engine.Expressions;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Notices;

namespace Relief.Workflows.Tests.Engine;

/// <summary>Today's compact routes as graphs: every case passes the same levels it passed before.</summary>
public class CompactRouteTests
{
    private static readonly string[] Categories = ["archived", "low-income", "migrant"];
    private static readonly EngineDefinitionReader Reader = new(ActivityRegistry.Default);
    private static readonly Actor Approver = new("approver", "unit");

    private static EngineDefinition Expanded(WorkflowDefinition compact)
    {
        var (graph, problems) = Reader.Read(CompactRoute.Expand(compact).ToJsonString(), Categories);
        Assert.True(problems.Count == 0, string.Join("; ", problems));
        return graph!;
    }

    /// <summary>The levels the graph asks to approve a case, approving at each, until it is set aside for payment.</summary>
    private static List<OrgLevel> LevelsWalked(EngineDefinition graph, Money amount, string category)
    {
        var runtime = new WorkflowRuntime(ActivityRegistry.Default, graph);
        var ids = 0;
        var context = new RuntimeContext(new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(8)), HolidayCalendar.Shipped, () => new Guid(++ids, 0, 0, new byte[8]));
        var state = runtime.Handle(InstanceState.New(1), new Started(Approver, new Dictionary<string, ExpressionValue>
        {
            ["amount"] = ExpressionValue.Of(amount),
            ["category"] = ExpressionValue.Of(category),
        }), context).State;
        var levels = new List<OrgLevel>();
        while (state.Bookmarks is [{ Kind: "approve" } approval])
        {
            levels.Add(approval.At!.Value);
            state = runtime.Handle(state, new Completed(Approver, approval.Id, "approve"), context).State;
        }
        Assert.True(state.Bookmarks.Single().Kind is "notice" or "pay", state.Bookmarks.Single().Kind);
        return levels;
    }

    [Fact]
    public void The_two_festival_ladder_expands_to_district_city_province_with_a_district_notice()
    {
        var compact = WorkflowDefinitionReader.Read("""
            { "route": ["District", "City", "Provincial"], "notice": { "level": "District", "days": 5 }, "deadlines": [ { "level": "District", "days": 3 } ] }
            """, Categories).Definition!;

        var graph = Expanded(compact);

        Assert.Equal("district", graph.Start);
        Assert.Equal([OrgLevel.District, OrgLevel.City, OrgLevel.Provincial], LevelsWalked(graph, new Money(150_000), "archived"));
        Assert.Equal(3, graph.Node("district").Settings["deadline"]!["workingDays"]!.GetValue<int>());
        Assert.Equal("pay", graph.Node("notice").Next["closed"]);
    }

    [Fact]
    public void A_rule_that_adds_the_province_above_2000_yuan_becomes_a_decide_node_taken_to_the_fen()
    {
        var compact = WorkflowDefinitionReader.Read(
            """{ "route": ["Branch", "District", "City"], "rules": [ { "name": "大额加审", "when": { "amountAbove": "2000.00" }, "add": ["Provincial"] } ] }""",
            Categories).Definition!;
        var graph = Expanded(compact);

        Assert.Equal([OrgLevel.Branch, OrgLevel.District, OrgLevel.City], LevelsWalked(graph, new Money(200_000), "archived"));
        Assert.Equal([OrgLevel.Branch, OrgLevel.District, OrgLevel.City, OrgLevel.Provincial], LevelsWalked(graph, new Money(200_001), "archived"));
        Assert.Equal("amount > 2000.00", graph.Node("hasProvincial").Settings["condition"]!.GetValue<string>());
    }

    private static readonly OrgLevel[] Levels = [OrgLevel.Branch, OrgLevel.District, OrgLevel.City, OrgLevel.Provincial, OrgLevel.National];

    private static Gen<string> LevelsJson(int min) => Gen.Int[0, 31].Select(mask =>
        string.Join(", ", Levels.Where((_, i) => (mask & (1 << i)) != 0).Select(l => $"\"{l}\""))).Where(json => json.Split(',').Length >= min || min == 0);

    private static readonly Gen<string> RuleJson = Gen.Select(Gen.Int[0, 3], Gen.Long[0, 900_000], Gen.Int[0, 7], LevelsJson(0), LevelsJson(0)).Select((which, fen, categories, add, skip) =>
    {
        var when = new List<string>();
        if ((which & 1) != 0)
        {
            when.Add($"\"amountAbove\": \"{(fen / 100m).ToString("0.00", CultureInfo.InvariantCulture)}\"");
        }
        if ((which & 2) != 0)
        {
            when.Add($"\"categories\": [{string.Join(", ", Categories.Where((_, i) => (categories & (1 << i)) != 0 || i == 0).Select(c => $"\"{c}\""))}]");
        }
        return $$"""{ "when": { {{string.Join(", ", when)}} }, "add": [{{add}}], "skip": [{{skip}}] }""";
    });

    [Fact]
    public void Every_compact_route_walks_the_levels_it_always_has_for_every_amount_and_category()
    {
        var compared = 0;
        Gen.Select(LevelsJson(1), RuleJson.Array[0, 3], Gen.Long[1, 1_000_000], Gen.Int[0, 2]).Sample((route, rules, fen, category) =>
        {
            var (compact, problems) = WorkflowDefinitionReader.Read($$"""{ "route": [{{route}}], "rules": [{{string.Join(", ", rules)}}] }""", Categories);
            if (compact is null)
            {
                return; // a compact route refused as it always was (levels out of order, every level skippable, …)
            }
            var amount = new Money(fen);
            Assert.Equal(compact.RouteFor(amount, Categories[category]), LevelsWalked(Expanded(compact), amount, Categories[category]));
            Interlocked.Increment(ref compared);
        }, iter: 1000); // about a quarter are valid compact routes: enough that the floor below never rests on luck
        Assert.True(compared >= 100, $"only {compared} of the generated routes were valid ones to compare");
    }
}
