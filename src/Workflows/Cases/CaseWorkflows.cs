using System.Collections.Concurrent;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Definitions;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Programmes;

namespace Relief.Workflows.Cases;

/// <summary>
/// The runtimes of the saved workflow versions, read once per silo: a saved version never changes, so its text
/// is its key (a draft's replaced version 1 is another text, and a case only ever runs a published one).
/// </summary>
public static class CaseWorkflows
{
    private static readonly ConcurrentDictionary<string, WorkflowRuntime> Runtimes = new(StringComparer.Ordinal);

    public static WorkflowRuntime Runtime(WorkflowVersion version) =>
        Runtimes.GetOrAdd(version.GraphJson, json => new WorkflowRuntime(ActivityRegistry.Default, EngineDefinitionReader.Load(json)));
}
