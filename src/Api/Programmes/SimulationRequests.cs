using System.Text.Json.Nodes;
using Relief.Api.Common;
using Relief.Workflows.Engine.Simulation;
using Relief.Workflows.Funds;

namespace Relief.Api.Programmes;

/// <summary>
/// The body of <c>POST /api/programmes/{id}/workflow/simulate</c>: a version (the current one when none is given),
/// the application as far as a workflow reads it, when it is filed (now when not given), and the script of what
/// people and the clock do. Amounts are yuan.
/// </summary>
public sealed record SimulationRequest(int? Version, SimulatedApplicationRequest? Application, DateTimeOffset? FiledAt, IReadOnlyList<ScriptStepRequest?>? Script)
{
    public const int MaxScriptSteps = 200;
}

/// <summary>What of an application a workflow reads: no name or ID number, since a simulation concerns nobody.</summary>
public sealed record SimulatedApplicationRequest(string? Category, decimal? Amount, int? HouseholdSize, decimal? MonthlyIncomePerHead, string? BranchCode);

public sealed record ScriptStepRequest(string? Node, string? Outcome, string? Member, JsonObject? Answers)
{
    public ScriptStep ToStep(int index, ISet<string> nodes, FieldErrors errors)
    {
        var node = errors.Text($"script[{index}].node", Node, 100);
        if (node.Length > 0 && !nodes.Contains(node))
        {
            errors.Add($"script[{index}].node", $"the workflow has no node '{node}'");
        }
        var outcome = errors.Text($"script[{index}].outcome", Outcome, 50);
        var member = Member is null ? null : errors.Text($"script[{index}].member", Member, 100);
        return new ScriptStep(node, outcome, member, Answers);
    }
}

/// <summary>The application's part read once its fields are checked.</summary>
public sealed record SimulatedApplication(string Category, Money? Amount, int HouseholdSize, Money MonthlyIncomePerHead, string BranchCode);
