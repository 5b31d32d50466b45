using Relief.Bench;
using Relief.Bench.Hosting;
using Relief.Bench.References;
using Relief.Bench.References.WorkflowCoreRoute;
using Relief.Bench.Reports;
using Relief.Bench.Season;

// The harness: parse, run a season per storage mode, the references, write the results; exit 1 on any failure.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (BenchOptionException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

var modes = new List<ModeResult>();
if (options.Storage is StorageChoice.Sqlite or StorageChoice.Both)
{
    modes.Add(await new SeasonRun(options, BenchStorage.Sqlite).Run());
}
if (options.Storage is StorageChoice.PostgreSql or StorageChoice.Both)
{
    modes.Add(await new SeasonRun(options, BenchStorage.PostgreSql).Run());
}

PgBenchResult? pgbench = null;
WorkflowCoreResult? workflowCore = null;
string? referenceProblem = null;
if (!options.SkipReferences)
{
    try
    {
        if (options.Postgres is not null)
        {
            pgbench = await new PgBenchReference(options).Run();
        }
        var peerCases = options.WorkflowCoreCases ?? Math.Min(options.Cases, 2_000);
        workflowCore = await new WorkflowCoreReference(peerCases, SyntheticHierarchy.Build(options.Scale).Branches).Run();
    }
    catch (InvalidOperationException ex)
    {
        referenceProblem = ex.Message;
        Console.WriteLine($"References: {ex.Message}");
    }
}

var report = new BenchReport(DateTimeOffset.UtcNow, options.Label, MachineFacts.Here(), options.Scale, options.Cases, options.SamplingRatio, modes, pgbench, workflowCore, referenceProblem,
    options.Baseline is { } baseline ? BaselineRun.Read(baseline) : null);
Console.WriteLine();
Console.WriteLine(MarkdownReport.Render(report));
if (options.JsonOut is { } json)
{
    await JsonReport.Write(report, json);
}
if (options.Markdown is { } markdown)
{
    await MarkdownReport.Write(report, markdown);
}
Console.WriteLine(report.Passed ? "bench: PASSED" : "bench: FAILURE");
return report.Passed ? 0 : 1;
