using System.Globalization;

namespace Relief.Bench;

/// <summary>Which storage modes a run drives.</summary>
public enum StorageChoice
{
    Sqlite,
    PostgreSql,
    Both,
}

/// <summary>The command line of the harness, read once; a bad value stops the run with the option's name.</summary>
public sealed record BenchOptions
{
    public const int FullScaleCases = 100_000;

    public double Scale { get; init; } = 1.0;

    public int? CasesOverride { get; init; }

    /// <summary>Cases filed in the season: 100,000 × scale unless <c>--cases</c> says otherwise.</summary>
    public int Cases => CasesOverride ?? Math.Max(1, (int)Math.Round(FullScaleCases * Scale, MidpointRounding.AwayFromZero));

    public StorageChoice Storage { get; init; } = StorageChoice.Sqlite;

    /// <summary>An Npgsql connection string to a server where the harness may create and drop databases.</summary>
    public string? Postgres { get; init; }

    public string? JsonOut { get; init; }

    public string? Markdown { get; init; }

    public bool SkipReferences { get; init; }

    public string? PgBench { get; init; }

    public int PgBenchSeconds { get; init; } = 30;

    public int PgBenchClients { get; init; } = 8;

    /// <summary>Cases the WorkflowCore reference drives (its in-memory store scans lists, so a full season would measure that).</summary>
    public int? WorkflowCoreCases { get; init; }

    /// <summary>HTTP requests in flight from the simulated clerks and finance staff.</summary>
    public int Clients { get; init; } = 32;

    /// <summary>Approvers working their queues at the same time.</summary>
    public int Approvers { get; init; } = 8;

    /// <summary>One case in this many is decided through the single-case route, to time it under the bulk load.</summary>
    public int LatencySampleEvery { get; init; } = 50;

    /// <summary>Paid cases whose ledger rows the reports phase loads before it times the national roll-up (0: no reports phase).</summary>
    public int ReportCases { get; init; } = 1_000_000;

    /// <summary>The JSON of an earlier run (the code before a change, same machine, same day) to judge "≥ 4 ×" against.</summary>
    public string? Baseline { get; init; }

    /// <summary>
    /// The share of traces the silo samples at the root (<c>Relief:Telemetry:SamplingRatio</c>): a production silo's
    /// unless told otherwise, so the season pays for tracing as production does (ADR 25). Nothing is exported.
    /// </summary>
    public double SamplingRatio { get; init; } = Relief.Silo.Telemetry.TracingSettings.DefaultSamplingRatio;

    /// <summary>Optional label for the run in the document (e.g. "before" / "after" a change).</summary>
    public string Label { get; init; } = "";

    public bool Help { get; init; }

    public static string Usage => """
        Relief.Bench — replays a "send warmth" season against the whole Relief process and measures it.

        Usage: dotnet bench/Relief.Bench/bin/Release/net10.0/Relief.Bench.dll [options]
               ./build.sh bench [options]          (builds, starts a private PostgreSQL with fsync on, runs both modes)

        Options:
          --scale <factor>           size of the hierarchy and of the season (default 1.0: 31 provinces, ~10 cities each,
                                     ~10 districts per city, 3 branches per district, 100,000 cases)
          --cases <N>                cases to file (default 100,000 × scale)
          --storage <mode>           sqlite | postgresql | both (default sqlite)
          --postgres <conn>          Npgsql connection string of a server the harness may create databases on
                                     (needed for postgresql; a fresh database is made per run and dropped after)
          --out <path>               write the results as JSON
          --markdown <path>          write the results as Markdown (e.g. docs/performance.md)
          --label <text>             a label for this run in the document (e.g. "after batching")
          --skip-references          do not run pgbench nor the WorkflowCore reference
          --pgbench <path>           the pgbench executable (default: found on PATH or beside PostgreSQL's binaries)
          --pgbench-seconds <s>      how long pgbench runs (default 30)
          --pgbench-clients <n>      pgbench clients (default 8)
          --workflowcore-cases <N>   cases the WorkflowCore reference drives (default min(N, 2000))
          --clients <n>              HTTP requests in flight while filing and paying (default 32)
          --approvers <n>            approvers working their queues at once (default 8)
          --latency-sample <k>       decide one case in k through the single-case route (default 50)
          --sampling-ratio <r>       share of traces the silo samples at the root, 0 to 1 (default 0.1, a production
                                     silo's; failed and slow requests are kept whatever it is; nothing is exported)
          --report-cases <N>         paid cases whose ledger rows the reports phase loads in bulk before it times the
                                     national roll-up and the other money reports (default 1,000,000; 0 skips the phase)
          --baseline <report.json>   an earlier run's JSON (--out) to compare against: the "≥ 4 × today's main" target
          --help                     this text

        Exit code 0 when every check passed (books balance, every case paid exactly once), 1 on FAILURE, 2 on bad options.
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new BenchOptionException(name, "needs a value");
            options = name switch
            {
                "--help" or "-h" => options with { Help = true },
                "--scale" => options with { Scale = PositiveDouble(name, Value()) },
                "--cases" => options with { CasesOverride = PositiveInt(name, Value()) },
                "--storage" => options with { Storage = StorageOf(Value()) },
                "--postgres" => options with { Postgres = Value() },
                "--out" => options with { JsonOut = Value() },
                "--markdown" => options with { Markdown = Value() },
                "--label" => options with { Label = Value() },
                "--baseline" => options with { Baseline = File.Exists(Value()) ? args[i] : throw new BenchOptionException(name, $"'{args[i]}' is not a file") },
                "--skip-references" => options with { SkipReferences = true },
                "--pgbench" => options with { PgBench = Value() },
                "--pgbench-seconds" => options with { PgBenchSeconds = PositiveInt(name, Value()) },
                "--pgbench-clients" => options with { PgBenchClients = PositiveInt(name, Value()) },
                "--workflowcore-cases" => options with { WorkflowCoreCases = PositiveInt(name, Value()) },
                "--clients" => options with { Clients = PositiveInt(name, Value()) },
                "--approvers" => options with { Approvers = PositiveInt(name, Value()) },
                "--latency-sample" => options with { LatencySampleEvery = PositiveInt(name, Value()) },
                "--sampling-ratio" => options with { SamplingRatio = Share(name, Value()) },
                "--report-cases" => options with { ReportCases = Value() == "0" ? 0 : PositiveInt(name, args[i]) },
                _ => throw new BenchOptionException(name, "is not an option (see --help)"),
            };
        }
        if (options.Storage != StorageChoice.Sqlite && string.IsNullOrWhiteSpace(options.Postgres) && !options.Help)
        {
            throw new BenchOptionException("--postgres", $"is needed for --storage {options.Storage.ToString().ToLowerInvariant()}");
        }
        return options;
    }

    private static StorageChoice StorageOf(string text) => text.ToLowerInvariant() switch
    {
        "sqlite" or "embedded" => StorageChoice.Sqlite,
        "postgresql" or "postgres" => StorageChoice.PostgreSql,
        "both" => StorageChoice.Both,
        _ => throw new BenchOptionException("--storage", $"'{text}': say sqlite, postgresql or both"),
    };

    private static double PositiveDouble(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= 10
            ? value
            : throw new BenchOptionException(name, $"'{text}' is not a number above 0 and at most 10");

    private static double Share(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
            ? value
            : throw new BenchOptionException(name, $"'{text}' is not a share between 0 and 1");

    private static int PositiveInt(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new BenchOptionException(name, $"'{text}' is not a whole number above 0");
}

/// <summary>A command-line option the harness cannot use.</summary>
public sealed class BenchOptionException(string option, string problem) : Exception($"{option} {problem}");
