using System.Text.Json.Nodes;
using Json.Schema;
using Relief.Workflows.Definitions;
using Relief.Workflows.Definitions.Examples;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Definitions;

namespace Relief.Workflows.Tests.Engine;

/// <summary>Graph definitions: the shipped ones read as they are; each kind of mistake is refused with the node named.</summary>
public class GraphDefinitionTests
{
    private static readonly string[] Categories = ["archived", "low-income", "migrant"];
    private static readonly EngineDefinitionReader Reader = new(ActivityRegistry.Default);

    private static IReadOnlyList<DefinitionProblem> Problems(string json) => Reader.Read(json, Categories).Problems;

    /// <summary>A small valid graph: approve at the district, reserve, pay; <paramref name="change"/> edits it as JSON.</summary>
    private static string Graph(Action<JsonObject>? change = null)
    {
        var graph = JsonNode.Parse("""
            {
              "start": "district",
              "nodes": {
                "district": { "kind": "approve", "at": "District", "next": { "approve": "reserve", "return": "rejected", "reject": "rejected" } },
                "reserve": { "kind": "reserve", "next": { "done": "pay" } },
                "pay": { "kind": "pay", "next": { "done": "paid" } },
                "paid": { "kind": "end", "result": "paid" },
                "rejected": { "kind": "end", "result": "rejected" }
              }
            }
            """)!.AsObject();
        change?.Invoke(graph["nodes"]!.AsObject());
        return graph.ToJsonString();
    }

    [Theory]
    [InlineData("standard-ladder")]
    [InlineData("hardship-grant")]
    [InlineData("large-grant-countersign")]
    [InlineData("model-worker-visit")]
    public void Every_shipped_definition_reads_as_it_is(string name)
    {
        var (definition, problems) = Reader.Read(ShippedDefinitions.Text(name)!, Categories);

        Assert.Empty(problems);
        Assert.NotNull(definition);
    }

    [Fact]
    public void The_shipped_definitions_are_listed_by_name()
    {
        Assert.Equal(["hardship-grant", "large-grant-countersign", "model-worker-visit", "standard-ladder"], ShippedDefinitions.Names);
        Assert.Null(ShippedDefinitions.Text("nothing"));
    }

    [Fact]
    public void The_small_graph_of_these_tests_is_itself_valid() => Assert.Empty(Problems(Graph()));

    [Fact]
    public void An_unreachable_node_is_refused_by_its_id()
    {
        var problem = Assert.Single(Problems(Graph(n => n["orphan"] = JsonNode.Parse("""{ "kind": "end", "result": "closed" }"""))));

        Assert.Equal("/nodes/orphan", problem.Path);
        Assert.Contains("no path from the start", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dangling_outcome_is_refused_naming_the_outcome()
    {
        var problems = Problems(Graph(n => n["district"]!["next"]!.AsObject().Remove("reject")));

        Assert.Contains(problems, p => p.Path == "/nodes/district/next" && p.Reason.Contains("'reject' leads nowhere", StringComparison.Ordinal));
    }

    [Fact]
    public void An_outcome_wired_to_a_node_that_does_not_exist_or_not_an_outcome_at_all_is_refused()
    {
        var problems = Problems(Graph(n =>
        {
            n["district"]!["next"]!["reject"] = "nowhere";
            n["reserve"]!["next"]!["maybe"] = "pay";
        }));

        Assert.Contains(problems, p => p.Path == "/nodes/district/next/reject" && p.Reason.Contains("no node 'nowhere'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "/nodes/reserve/next/maybe" && p.Reason.Contains("not an outcome of a reserve", StringComparison.Ordinal));
    }

    [Fact]
    public void A_join_without_a_fork_is_refused()
    {
        var problems = Problems(Graph(n =>
        {
            n["reserve"]!["next"]!["done"] = "meet";
            n["meet"] = JsonNode.Parse("""{ "kind": "join", "fork": "district", "next": { "done": "pay" } }""");
        }));

        Assert.Contains(problems, p => p.Path == "/nodes/meet/fork" && p.Reason.Contains("no fork 'district'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fork_that_no_join_closes_and_a_join_reached_around_its_fork_are_refused()
    {
        var problems = Problems(Graph(n =>
        {
            n["district"]!["next"]!["approve"] = "split";
            n["split"] = JsonNode.Parse("""{ "kind": "fork", "next": { "a": "reserve", "b": "rejected" } }""");
        }));
        var around = Problems(Graph(n =>
        {
            n["district"]!["next"]!["approve"] = "split";
            n["district"]!["next"]!["return"] = "meet";
            n["split"] = JsonNode.Parse("""{ "kind": "fork", "next": { "a": "meet", "b": "meet" } }""");
            n["meet"] = JsonNode.Parse("""{ "kind": "join", "fork": "split", "next": { "done": "reserve" } }""");
        }));

        Assert.Contains(problems, p => p.Path == "/nodes/split" && p.Reason.Contains("no join names this fork", StringComparison.Ordinal));
        Assert.Contains(around, p => p.Path == "/nodes/meet" && p.Reason.Contains("without passing its fork 'split'", StringComparison.Ordinal));
    }

    [Fact]
    public void Pay_before_reserve_is_refused_even_on_one_path_of_two()
    {
        var before = Problems(Graph(n => n["district"]!["next"]!["approve"] = "pay"));
        var onePath = Problems(Graph(n =>
        {
            n["district"]!["next"]!["approve"] = "big";
            n["big"] = JsonNode.Parse("""{ "kind": "decide", "condition": "amount > 5000", "next": { "yes": "reserve", "no": "pay" } }""");
        }));

        Assert.Contains(before, p => p.Path == "/nodes/pay" && p.Reason.Contains("pay before reserve", StringComparison.Ordinal));
        Assert.Contains(onePath, p => p.Path == "/nodes/pay" && p.Reason.Contains("pay before reserve", StringComparison.Ordinal));
    }

    [Fact]
    public void A_payment_before_the_notice_closes_is_refused_when_the_definition_notices_cases()
    {
        var problems = Problems(Graph(n =>
        {
            n["reserve"]!["next"]!["done"] = "pay";
            n["pay"]!["next"]!["done"] = "notice";
            n["notice"] = JsonNode.Parse("""{ "kind": "notice", "at": "District", "days": 5, "next": { "closed": "paid", "upheld": "rejected" } }""");
        }));

        Assert.Contains(problems, p => p.Path == "/nodes/pay" && p.Reason.Contains("before a notice has closed", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_kind_is_refused_naming_the_known_ones()
    {
        var problem = Assert.Single(Problems(Graph(n => n["reserve"]!["kind"] = "teleport")));

        Assert.Equal("/nodes/reserve/kind", problem.Path);
        Assert.Contains("unknown kind 'teleport'", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("approve, decide, end, followUps, fork, join, notice, pay, release, reserve, task, timer", problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amount >", "ends too soon")]
    [InlineData("income > 5000", "no field 'income'")]
    [InlineData("visit.unknown", "no field 'visit.unknown'")]
    public void A_condition_that_does_not_parse_or_names_an_unknown_field_is_refused_at_its_node(string condition, string reason)
    {
        var problems = Problems(Graph(n =>
        {
            n["district"]!["next"]!["approve"] = "big";
            n["big"] = new JsonObject { ["kind"] = "decide", ["condition"] = condition, ["next"] = new JsonObject { ["yes"] = "reserve", ["no"] = "reserve" } };
        }));

        Assert.Contains(problems, p => p.Path == "/nodes/big/condition" && p.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_condition_may_name_a_task_s_answers()
    {
        var problems = Problems(Graph(n =>
        {
            n["district"]!["next"]!["approve"] = "visit";
            n["visit"] = JsonNode.Parse("""
                { "kind": "task", "at": "Branch", "form": { "fields": [ { "name": "confirmed", "label": "属实", "type": "yesNo" } ] }, "next": { "done": "ok" } }
                """);
            n["ok"] = JsonNode.Parse("""{ "kind": "decide", "condition": "visit.confirmed and amount <= 5000.00", "next": { "yes": "reserve", "no": "rejected" } }""");
        }));

        Assert.DoesNotContain(problems, p => p.Path.StartsWith("/nodes/ok", StringComparison.Ordinal));
    }

    [Fact]
    public void Approvals_that_go_down_the_hierarchy_are_refused_but_a_return_to_the_branch_is_not()
    {
        var down = Problems(Graph(n =>
        {
            n["district"]!["next"]!["approve"] = "branch";
            n["branch"] = JsonNode.Parse("""{ "kind": "approve", "at": "Branch", "next": { "approve": "reserve", "return": "rejected", "reject": "rejected" } }""");
        }));
        var back = Problems(Graph(n =>
        {
            n["district"]!["next"]!["return"] = "amend";
            n["amend"] = JsonNode.Parse("""{ "kind": "task", "at": "Branch", "next": { "done": "district" } }""");
        }));

        Assert.Contains(down, p => p.Path == "/nodes/branch/at" && p.Reason.Contains("approvals go up the hierarchy", StringComparison.Ordinal));
        Assert.Empty(back);
    }

    [Fact]
    public void A_loop_with_no_step_that_waits_is_refused()
    {
        var problems = Problems(Graph(n =>
        {
            n["district"]!["next"]!["approve"] = "again";
            n["again"] = JsonNode.Parse("""{ "kind": "decide", "condition": "amount > 1", "next": { "yes": "again", "no": "reserve" } }""");
        }));

        Assert.Contains(problems, p => p.Reason.Contains("no step that waits", StringComparison.Ordinal));
    }

    [Fact]
    public void A_committee_that_needs_more_votes_than_members_is_refused()
    {
        var problems = Problems(Graph(n => n["district"]!["quorum"] = JsonNode.Parse("""{ "members": 3, "needed": 5 }""")));

        Assert.Contains(problems, p => p.Path == "/nodes/district/quorum/needed");
    }

    [Theory]
    [InlineData("""{ "kind": "notice", "at": "District", "days": "five", "next": { "closed": "pay", "upheld": "rejected" } }""", "/nodes/reserve/days")]
    [InlineData("""{ "kind": "reserve", "colour": "red", "next": { "done": "pay" } }""", "/nodes/reserve/colour")]
    [InlineData("""{ "kind": "notice", "at": "Village", "days": 5, "next": { "closed": "pay", "upheld": "rejected" } }""", "/nodes/reserve/at")]
    [InlineData("""{ "kind": "notice", "days": 5, "next": { "closed": "pay", "upheld": "rejected" } }""", "/nodes/reserve")]
    public void A_setting_of_the_wrong_type_or_one_the_kind_does_not_have_is_refused_at_its_path(string node, string path)
    {
        var problems = Problems(Graph(n => n["reserve"] = JsonNode.Parse(node)));

        Assert.Contains(problems, p => p.Path == path);
    }

    [Fact]
    public void A_node_given_twice_is_refused()
    {
        var json = Graph().Replace("\"paid\":{\"kind\":\"end\",\"result\":\"paid\"}", "\"paid\":{\"kind\":\"end\",\"result\":\"paid\"},\"paid\":{\"kind\":\"end\",\"result\":\"closed\"}", StringComparison.Ordinal);

        Assert.Contains("not valid JSON", Assert.Single(Problems(json)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_is_generated_from_the_registry_and_names_every_kind()
    {
        var schema = EngineSchema.Generate(ActivityRegistry.Default);
        var kinds = schema["properties"]!["nodes"]!["additionalProperties"]!["properties"]!["kind"]!["enum"]!.AsArray().Select(k => k!.GetValue<string>());

        Assert.Equal(ActivityRegistry.Default.Kinds.Where(k => k.Subjects.Contains(WorkflowSubject.Case)).Select(k => k.Name).Order(StringComparer.Ordinal), kinds);
        Assert.DoesNotContain("allocate", kinds);
        Assert.NotNull(JsonSchema.FromText(schema.ToJsonString()));

        // An allocation plan's schema names its own kinds and the general ones, and no kind of a case's money.
        var plans = EngineSchema.Generate(ActivityRegistry.Default, WorkflowSubject.AllocationPlan);
        var planKinds = plans["properties"]!["nodes"]!["additionalProperties"]!["properties"]!["kind"]!["enum"]!.AsArray().Select(k => k!.GetValue<string>()).ToList();
        Assert.Equal(["allocate", "decide", "end", "fork", "join", "receipts", "task", "timer"], planKinds);
    }

    [Fact]
    public void A_kind_of_another_subject_is_refused_on_its_node()
    {
        var json = Graph(n =>
        {
            n["reserve"]!["next"]!["done"] = "split";
            n["split"] = JsonNode.Parse("""{ "kind": "allocate", "next": { "done": "pay" } }""");
        });

        var problem = Assert.Single(Problems(json));
        Assert.Equal("/nodes/split/kind", problem.Path);
        Assert.Contains("no place in a workflow of case", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_kind_is_one_class_added_to_a_registry()
    {
        var registry = new ActivityRegistry([.. ActivityRegistry.Default.Kinds, new GreetingCardActivity()]);
        var reader = new EngineDefinitionReader(registry);

        var json = Graph(n =>
        {
            n["reserve"]!["next"]!["done"] = "card";
            n["card"] = JsonNode.Parse("""{ "kind": "greetingCard", "wording": "新春快乐", "next": { "sent": "pay" } }""");
        });

        Assert.Empty(reader.Read(json, Categories).Problems);
        Assert.Contains("unknown kind 'greetingCard'", Assert.Single(Problems(json)).Reason, StringComparison.Ordinal);
    }

    /// <summary>A kind of the test's own: all a new kind needs is its class and its place in a registry.</summary>
    private sealed class GreetingCardActivity : ActivityKind
    {
        public override string Name => "greetingCard";

        public override string Summary => "a greetings card posted to the household";

        public override bool Waits => true;

        public override IReadOnlyDictionary<string, JsonObject> Settings { get; } = new Dictionary<string, JsonObject>
        {
            ["wording"] = Relief.Workflows.Engine.Activities.Settings.Text(200, "what the card says"),
        };

        public override IReadOnlyList<string> Outcomes(NodeDefinition node) => ["sent"];
    }
}
