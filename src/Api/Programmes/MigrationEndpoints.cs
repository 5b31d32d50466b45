using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Relief.Api.Acting;
using Relief.Api.Common;
using Relief.Workflows.Cases;
using Relief.Workflows.Migrations;
using Relief.Workflows.Programmes;
using Relief.Workflows.Queues;

namespace Relief.Api.Programmes;

/// <summary>
/// Moving a programme's running cases from one workflow version to another (issue 15): a dry run that says where
/// each case would land and which would be refused, then the migration itself, in batches, with its progress.
/// </summary>
public static class MigrationEndpoints
{
    private const int DryRunPage = 200;

    public static RouteGroupBuilder MapMigrationEndpoints(this RouteGroupBuilder programmes)
    {
        programmes.MapPost("/{id:guid}/migrations", Migrate).ActsNationally(ReliefRole.Admin)
            .WithSummary("Migrate running cases from one workflow version to another with a node map; dryRun=true lists where each would land.");
        programmes.MapGet("/{id:guid}/migrations/{migrationId:guid}", Progress).ActsNationally(ReliefRole.Admin)
            .WithSummary("A migration's progress: migrated, refused (with why), skipped, of how many.");
        return programmes;
    }

    private static async Task<IResult> Migrate(Guid id, MigrationRequest request, HttpContext http, IGrainFactory grains, ICaseInstances instances)
    {
        var errors = new FieldErrors();
        var from = errors.Required("fromVersion", request.FromVersion);
        var to = errors.Required("toVersion", request.ToVersion);
        var reason = errors.Text("reason", request.Reason?.Trim(), 1000, multiline: true);
        if (request.FromVersion is < 1)
        {
            errors.Add("fromVersion", "versions start at 1");
        }
        if (request.ToVersion is < 1)
        {
            errors.Add("toVersion", "versions start at 1");
        }
        if (from == to && request.FromVersion is not null)
        {
            errors.Add("toVersion", "a migration goes to another version");
        }
        var map = request.NodeMap ?? new Dictionary<string, string?>();
        if (map.Count > 500)
        {
            errors.Add("nodeMap", "at most 500 nodes are mapped");
        }
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        var programme = grains.GetGrain<IProgrammeGrain>(id);
        if (!await programme.Exists())
        {
            return CommandResults.Problem(StatusCodes.Status404NotFound, "Programme not found", $"No programme has the id {id}.");
        }
        var (source, target) = (await programme.Workflow(from), await programme.Workflow(to));
        if (source is null)
        {
            errors.Add("fromVersion", $"the programme has no workflow version {from}");
        }
        if (target is null)
        {
            errors.Add("toVersion", $"the programme has no workflow version {to}");
        }
        if (source is not null && target is not null)
        {
            var (before, after) = (CaseWorkflows.Runtime(source).Definition, CaseWorkflows.Runtime(target).Definition);
            foreach (var (node, landing) in map)
            {
                if (!before.Nodes.ContainsKey(node))
                {
                    errors.Add($"nodeMap.{node}", $"version {from} has no node '{node}'");
                }
                else if (landing is null || !after.Nodes.ContainsKey(landing))
                {
                    errors.Add($"nodeMap.{node}", $"version {to} has no node '{landing}'");
                }
            }
        }
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        var order = new MigrationOrder(Guid.NewGuid(), from, to, map.ToDictionary(m => m.Key, m => m.Value!, StringComparer.Ordinal), reason);
        if (request.DryRun == true)
        {
            return TypedResults.Ok(await DryRun(id, order, http, grains, instances));
        }
        var total = await instances.CountRunning(id, from, http.RequestAborted);
        var started = await grains.GetGrain<IWorkflowMigrationGrain>(order.Id).Start(id, order, total, http.Actor());
        return started.ToHttp(() => TypedResults.Accepted($"/api/programmes/{id}/migrations/{order.Id}", new { migrationId = order.Id, total }));
    }

    /// <summary>Each running case at the old version asked where it would land, a page at a time; nothing written.</summary>
    private static async Task<object> DryRun(Guid programmeId, MigrationOrder order, HttpContext http, IGrainFactory grains, ICaseInstances instances)
    {
        var cases = new List<object>();
        var landings = new Dictionary<string, int>(StringComparer.Ordinal);
        var refused = 0;
        Guid? after = null;
        while (await instances.Running(programmeId, order.From, after, DryRunPage, http.RequestAborted) is { Count: > 0 } page)
        {
            var answers = await Task.WhenAll(page.Select(async row => (row, answer: await grains.GetGrain<ICaseGrain>(row.CaseId).Migrate(order, dryRun: true, http.Actor()))));
            foreach (var (row, answer) in answers.Where(a => a.answer.Outcome != MigrationOutcome.NotAtVersion))
            {
                var migrated = answer.Outcome == MigrationOutcome.Migrated;
                refused += migrated ? 0 : 1;
                if (migrated)
                {
                    var key = $"{string.Join("+", answer.From)} → {string.Join("+", answer.To)}";
                    landings[key] = landings.GetValueOrDefault(key) + 1;
                }
                cases.Add(new { caseId = row.CaseId, branchCode = row.BranchCode, from = answer.From, to = answer.To, refused = !migrated, reason = answer.Reason });
            }
            after = page[^1].CaseId;
        }
        return new { fromVersion = order.From, toVersion = order.To, total = cases.Count, migrating = cases.Count - refused, refused, landings, cases };
    }

    private static async Task<IResult> Progress(Guid id, Guid migrationId, IGrainFactory grains) =>
        await grains.GetGrain<IWorkflowMigrationGrain>(migrationId).Describe() is { } view && view.ProgrammeId == id
            ? TypedResults.Ok(view)
            : CommandResults.Problem(StatusCodes.Status404NotFound, "Migration not found", $"Programme {id} has no migration {migrationId}.");
}

/// <summary>The body of <c>POST /api/programmes/{id}/migrations</c>: from and to which version, the node map (old node → new node), why, and whether only to try.</summary>
public sealed record MigrationRequest(int? FromVersion, int? ToVersion, IReadOnlyDictionary<string, string?>? NodeMap, string? Reason, bool? DryRun);
