using System.Globalization;
using System.Text;
using Relief.Bench.Measures;

namespace Relief.Bench.Reports;

/// <summary>
/// The run as Markdown tables. The harness owns only the part of the document between its two marker comments, so
/// the prose around it (what bounds a missed target, the profile, before and after) survives a new run.
/// </summary>
public static class MarkdownReport
{
    public const string Begin = "<!-- bench:results:begin (written by bench/Relief.Bench; do not edit by hand) -->";
    public const string End = "<!-- bench:results:end -->";

    public static async Task Write(BenchReport report, string path)
    {
        var block = Begin + "\n" + Render(report) + End;
        var existing = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        var begin = existing.IndexOf(Begin, StringComparison.Ordinal);
        var end = existing.IndexOf(End, StringComparison.Ordinal);
        var text = begin >= 0 && end > begin
            ? existing[..begin] + block + existing[(end + End.Length)..]
            : "# Performance\n\nWritten by `./build.sh bench` (see the README's Benchmark section and ADR 12).\n\n" + block + "\n" + existing;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, text);
    }

    public static string Render(BenchReport r)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        var m = r.Machine;
        Line(Inv($"## Run of {r.At:yyyy-MM-dd HH:mm} UTC{(r.Label.Length > 0 ? $" — {r.Label}" : "")}: {(r.Passed ? "PASSED" : "FAILURE")}"));
        Line();
        Line(Inv($"Machine: {m.Cores} cores, {m.Cpu}; {m.Os}; {m.Runtime}; server GC {(m.ServerGc ? "on" : "off")}. "));
        Line(Inv($"Season: N = {r.Cases:N0} cases, scale {r.Scale}; route District → City → Province, 5 working days' notice at the district; traces sampled at the root at {r.SamplingRatio} (nothing exported)."));
        Line();
        Line("### Targets");
        Line();
        Line("| target | measured | met | by |");
        Line("| --- | --- | --- | --- |");
        foreach (var t in r.Targets())
        {
            Line($"| {t.Target} | {t.Measured} | {(t.Met == true ? "met" : "**missed**")} | {t.By} |");
        }
        Line();
        Line("### Ratios");
        Line();
        Line(Inv($"- Relief cases/s (PostgreSQL, end to end) ÷ pgbench simple-update TPS: {Ratio(r.CasesOverPgBench)}"));
        Line(Inv($"- Relief durable writes/s (PostgreSQL, end to end) ÷ pgbench simple-update TPS: {Ratio(r.WritesOverPgBench)}"));
        Line(Inv($"- Relief embedded (SQLite) cases/s ÷ WorkflowCore (in-memory) cases/s: {Ratio(r.EmbeddedOverWorkflowCore)}"));
        if (r.Baseline is { } baseline)
        {
            Line(Inv($"- Against the baseline run `{baseline.Path}` ({baseline.Label}, {baseline.At:yyyy-MM-dd HH:mm} UTC): ")
                + string.Join("; ", r.Modes.Where(m => baseline.CasesPerSecond.ContainsKey(m.Storage)).Select(m =>
                    Inv($"{m.Storage} {m.EndToEnd.CasesPerSecond:F0} ÷ {baseline.CasesPerSecond[m.Storage]:F0} = {m.EndToEnd.CasesPerSecond / baseline.CasesPerSecond[m.Storage]:F2} ×"))));
        }
        Line();
        foreach (var mode in r.Modes)
        {
            RenderMode(md, mode);
        }
        RenderReferences(md, r);
        return md.ToString();
    }

    private static void RenderMode(StringBuilder md, ModeResult mode)
    {
        void Line(string text = "") => md.Append(text).Append('\n');
        Line(Inv($"### {mode.Storage}: {(mode.Passed ? "books balance" : "FAILURE")}"));
        Line();
        var fsync = mode.PostgresFsync is { } setting ? $" PostgreSQL fsync = {setting}." : "";
        Line(Inv($"{mode.Units:N0} org units ({mode.Branches:N0} branches); setup (import, programme, money and quota down to every branch) {mode.SetupSeconds:F1} s, not in the end-to-end figure.{fsync}"));
        Line();
        Line("| phase | seconds | cases/s | decisions/s | state writes | state writes/s | decision route p50 / p95 / p99 (ms) | CPU process / machine |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var p in mode.Phases.Append(mode.EndToEnd))
        {
            var latency = p == mode.EndToEnd ? mode.DecisionRoute : p.DecisionRoute;
            Line(Inv($"| {(p == mode.EndToEnd ? $"**{p.Phase}**" : p.Phase)} | {p.Seconds:F1} | {p.CasesPerSecond:F0} | {p.DecisionsPerSecond:F0} | {p.StateWrites:N0} | {p.StateWritesPerSecond:F0} | {Latency(latency)} | {Cpu(p.Cpu)} |"));
        }
        Line();
        Line("CPU: share of all cores used by this process (Relief and its simulated clients) / by the whole machine (adds PostgreSQL and anything else running).");
        Line();
        Line(Inv($"- Peak working set {Mib(mode.PeakWorkingSetBytes)}, peak GC heap {Mib(mode.PeakGcHeapBytes)} (one process: silo, API and the simulated clients)."));
        if (mode.CaseGrainMemory is { } g)
        {
            Line(Inv($"- Memory per active case grain: {g.BytesPerCaseGrain:N0} bytes (live managed heap after a full GC, {Mib(g.HeapBeforeBytes)} before filing → {Mib(g.HeapAfterBytes)} after, ÷ {g.NewCaseGrains:N0} new case-grain activations; an upper bound, see ADR 12)."));
        }
        if (mode.Books is { } b)
        {
            Line(Inv($"- Books: {b.AccountsChecked:N0} accounts read, {b.AccountsOff} off; {b.DisbursedEntries:N0} disbursements, {b.DistinctReferences:N0} distinct references; paid {new Relief.Workflows.Funds.Money(b.PaidFen)} of {new Relief.Workflows.Funds.Money(b.ExpectedFen)} yuan."));
            foreach (var failure in b.Failures.Take(10))
            {
                Line($"  - FAILED: {failure}");
            }
        }
        if (mode.Error is { } error)
        {
            Line($"- FAILED: {error}");
        }
        if (mode.Reports is { } reports)
        {
            Line();
            Line(Inv($"Reports over the ledger rows of {reports.PaidCases:N0} paid cases ({reports.Rows:N0} rows, loaded in bulk in {reports.LoadSeconds:F1} s){(reports.Problem is { } p ? $": FAILED: {p}" : "")}:"));
            Line();
            Line("| report | first (s) | again, median (s) | slowest (s) |");
            Line("| --- | ---: | ---: | ---: |");
            foreach (var timing in reports.Timings)
            {
                Line(Inv($"| {timing.Report} | {timing.First:F2} | {timing.Warm:F2} | {timing.Slowest:F2} |"));
            }
        }
        Line();
    }

    private static void RenderReferences(StringBuilder md, BenchReport r)
    {
        void Line(string text = "") => md.Append(text).Append('\n');
        Line("### References");
        Line();
        if (r.PgBench is { } pg)
        {
            Line(Inv($"- pgbench simple-update on the same server: **{pg.Tps:F0} TPS** (`{pg.Command}`, scale {pg.ScaleFactor}, {pg.Seconds} s, fsync = {pg.Fsync})."));
        }
        if (r.WorkflowCore is { } wc)
        {
            Line(Inv($"- WorkflowCore 3.22.0, default `AddWorkflow()` (in-memory persistence), same route driven by events: **{wc.CasesPerSecond:F0} cases/s** ({wc.Cases:N0} cases in {wc.Seconds:F1} s; books {(wc.BooksBalance ? "balance" : "DO NOT balance")}{(wc.Problem is { } p ? $"; {p}" : "")})."));
            if (wc.Stages.Count > 0)
            {
                Line("  Stages: " + string.Join(", ", wc.Stages.Select(s => Inv($"{s.Stage} {s.Seconds:F1} s"))) + ".");
            }
        }
        if (r.ReferenceProblem is { } problem)
        {
            Line($"- References not measured: {problem}");
        }
        Line();
    }

    private static string Latency(LatencySummary? s) => s is { Count: > 0 } ? Inv($"{s.P50:F1} / {s.P95:F1} / {s.P99:F1} (n = {s.Count})") : "";

    private static string Cpu(CpuUse? cpu) => cpu is null ? "" : Inv($"{cpu.ProcessPercent:F0} % / {cpu.MachinePercent:F0} %");

    private static string Ratio(double? ratio) => ratio is { } value ? Inv($"**{value:F2}**") : "not measured in this run";

    private static string Mib(long bytes) => Inv($"{bytes / (1024.0 * 1024.0):F0} MiB");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
