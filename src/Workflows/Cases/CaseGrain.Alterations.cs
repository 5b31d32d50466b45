using Relief.Workflows.Common;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Programmes;

namespace Relief.Workflows.Cases;

/// <summary>
/// A running case altered by the national administrator, always with a reason in its journal: a task given to another
/// unit of its way up or to other roles, the case moved to another node, the case carried to a new workflow version.
/// </summary>
public sealed partial class CaseGrain
{
    public async Task<CommandResult> Reassign(Guid taskId, string unitCode, IReadOnlyList<string>? roles, string reason, Actor actor)
    {
        if (State.Application is not { } application)
        {
            return CommandResult.NotFound($"No case has the id {Id}.");
        }
        if (State.Instance!.Bookmarks.FirstOrDefault(b => b.Id == taskId) is not { } bookmark)
        {
            return CommandResult.NotFound($"Case {Id} has no open task {taskId}.");
        }
        var branch = OrgCode.Parse(application.BranchCode);
        if (!OrgCode.TryParse(unitCode, out var unit, out _) || branch.AncestorAt(unit.Level)?.Value != unitCode)
        {
            return CommandResult.Invalid("unitCode",
                $"a task is done on the case's own way up: {string.Join(", ", Enum.GetValues<OrgLevel>().Select(l => branch.AncestorAt(l)?.Value).OfType<string>())}");
        }
        return await Step(new Reassigned(actor, taskId, unit.Level, roles ?? bookmark.Roles, reason), actor, new StepNote("reassign", unitCode));
    }

    public async Task<CommandResult> MoveTo(string node, string reason, Actor actor)
    {
        if (State.Application is null)
        {
            return CommandResult.NotFound($"No case has the id {Id}.");
        }
        return await Step(new Moved(actor, node, reason), actor, new StepNote("move", actor.UnitCode));
    }

    public async Task<CaseMigration> Migrate(MigrationOrder order, bool dryRun, Actor actor)
    {
        var at = State.Instance?.Bookmarks.Select(b => b.Node).Distinct().ToList() ?? [];
        if (State.Application is not { } application)
        {
            return new CaseMigration(MigrationOutcome.NotAtVersion, [], [], $"no case has the id {Id}");
        }
        if (State.LastMigration == order.Id)
        {
            return new CaseMigration(MigrationOutcome.AlreadyMigrated, at, at);
        }
        if (State.DefinitionVersion != order.From || State.Instance is not { Ended: false })
        {
            return new CaseMigration(MigrationOutcome.NotAtVersion, at, [], $"the case runs version {State.DefinitionVersion} and is {State.Status}");
        }
        var runtime = await Runtime();
        var workflow = await GrainFactory.GetGrain<IProgrammeGrain>(application.ProgrammeId).Workflow(order.To);
        if (workflow is null)
        {
            return new CaseMigration(MigrationOutcome.Refused, at, [], $"the programme has no workflow version {order.To}");
        }
        var target = CaseWorkflows.Runtime(workflow);
        var (landings, refusal) = WorkflowRuntime.Land(State.Instance, runtime.Definition, target.Definition, order.NodeMap);
        if (refusal is not null)
        {
            return new CaseMigration(MigrationOutcome.Refused, at, [], refusal);
        }
        var to = landings.Select(l => l.To).Distinct().ToList();
        if (dryRun)
        {
            return new CaseMigration(MigrationOutcome.Migrated, at, to);
        }
        var before = (_runtime, State.DefinitionVersion, State.LastMigration);
        (_runtime, State.DefinitionVersion, State.LastMigration) = (target, order.To, order.Id);
        var migrated = await Step(new Migrated(actor, order.To, landings, $"version {order.From} → {order.To}: {order.Reason}"), actor,
            new StepNote("migrate", actor.UnitCode), runtimeBefore: runtime);
        if (!migrated.Succeeded)
        {
            (_runtime, State.DefinitionVersion, State.LastMigration) = before;
            return new CaseMigration(MigrationOutcome.Refused, at, [], migrated.Message);
        }
        return new CaseMigration(MigrationOutcome.Migrated, at, to);
    }
}
