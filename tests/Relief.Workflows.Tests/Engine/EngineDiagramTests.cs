using Relief.Workflows.Definitions.Examples;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Definitions;

namespace Relief.Workflows.Tests.Engine;

/// <summary>Graph definitions drawn as Mermaid flowcharts, with where a case stands.</summary>
public class EngineDiagramTests
{
    private static EngineDefinition Shipped(string name) =>
        new EngineDefinitionReader(ActivityRegistry.Default).Read(ShippedDefinitions.Text(name)!, ["archived", "low-income"]).Definition!;

    [Fact]
    public void A_countersign_is_drawn_with_its_fork_its_join_its_condition_and_both_offices_highlighted_while_they_sign()
    {
        var diagram = EngineDiagram.Mermaid(Shipped("large-grant-countersign"), current: ["financeOffice", "hardshipOffice"]);

        Assert.StartsWith("flowchart TD\n    district[\"区县总工会审批<br/>区县总工会审批\"]\n", diagram, StringComparison.Ordinal);
        Assert.Contains("    countersign{{\"市总会签<br/>并行\"}}\n", diagram, StringComparison.Ordinal);
        Assert.Contains("    signed{{\"会签完成<br/>汇合\"}}\n", diagram, StringComparison.Ordinal);
        Assert.Contains("large{\"五千元以上？<br/>判断：amount #gt; 5000 and category in [#quot;archived#quot;, #quot;low-income#quot;]\"}", diagram, StringComparison.Ordinal);
        Assert.Contains("    large -- 是 --> countersign\n", diagram, StringComparison.Ordinal);
        Assert.Contains("    countersign -- finance --> financeOffice\n", diagram, StringComparison.Ordinal);
        Assert.EndsWith("    class financeOffice,hardshipOffice current\n", diagram, StringComparison.Ordinal);
    }

    [Fact]
    public void The_committee_vote_says_its_quorum_in_either_language()
    {
        var definition = Shipped("hardship-grant");

        Assert.Contains("vote[\"基层工会委员会表决<br/>基层工会审批，5人中3人同意\"]", EngineDiagram.Mermaid(definition), StringComparison.Ordinal);
        Assert.Contains("vote[\"基层工会委员会表决<br/>approval by Branch, 3 of 5 members\"]", EngineDiagram.Mermaid(definition, "en"), StringComparison.Ordinal);
        Assert.Contains("    paid([\"paid<br/>end: paid\"])\n", EngineDiagram.Mermaid(definition, "en"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_title_cannot_break_out_of_its_label()
    {
        var json = ShippedDefinitions.Text("standard-ladder")!.Replace("区县总工会审批", "审批\\\"]; click district \\\"javascript:alert(1)\\\" <b>", StringComparison.Ordinal);
        var definition = new EngineDefinitionReader(ActivityRegistry.Default).Read(json, ["archived"]).Definition!;

        var diagram = EngineDiagram.Mermaid(definition);

        Assert.Contains("district[\"审批#quot;]; click district #quot;javascript:alert(1)#quot; #lt;b#gt;<br/>", diagram, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", diagram, StringComparison.Ordinal);
    }
}
