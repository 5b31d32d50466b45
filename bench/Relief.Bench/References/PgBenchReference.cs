using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Relief.Bench.Hosting;

namespace Relief.Bench.References;

/// <summary>What pgbench's simple-update run measured against the same server.</summary>
public sealed record PgBenchResult(double Tps, int Clients, int Seconds, int ScaleFactor, string Fsync, string Command);

/// <summary>
/// The durable-write limit of the machine as PostgreSQL's own tool measures it: <c>pgbench -b simple-update</c>
/// (one UPDATE, one SELECT and one INSERT per committed transaction) on tables it initialises in a database of its
/// own on the server the season ran on.
/// </summary>
public sealed partial class PgBenchReference(BenchOptions options)
{
    private const int ScaleFactor = 10;

    public async Task<PgBenchResult> Run()
    {
        var pgbench = Locate();
        await using var database = await PostgresDatabase.Create(options.Postgres!, "relief_pgbench");
        var fsync = await PostgresDatabase.Setting(options.Postgres!, "fsync");
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        string[] target = ["-h", connection.Host!, "-p", connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username ?? "postgres"];

        Console.WriteLine($"pgbench: initialising scale {ScaleFactor} in {database.Name} …");
        await RunToEnd(pgbench, ["-i", "-q", "-s", $"{ScaleFactor}", .. target, database.Name], connection.Password);
        string[] run = ["-b", "simple-update", "-M", "prepared", "-c", $"{options.PgBenchClients}", "-j", $"{Math.Min(options.PgBenchClients, Environment.ProcessorCount)}",
            "-T", $"{options.PgBenchSeconds}", .. target, database.Name];
        Console.WriteLine($"pgbench: {string.Join(' ', run)}");
        var output = await RunToEnd(pgbench, run, connection.Password);
        var tps = TpsLine().Match(output) is { Success: true } match
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"pgbench printed no tps line:\n{output}");
        Console.WriteLine($"pgbench: {tps:F0} tps (fsync={fsync})");
        return new PgBenchResult(tps, options.PgBenchClients, options.PgBenchSeconds, ScaleFactor, fsync, "pgbench " + string.Join(' ', run[..^7]));
    }

    /// <summary>The executable named by <c>--pgbench</c>, else the first on PATH.</summary>
    private string Locate()
    {
        if (options.PgBench is { } named)
        {
            return File.Exists(named) ? named : throw new InvalidOperationException($"--pgbench {named}: no such file");
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "pgbench")).FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException("pgbench is not on PATH: name it with --pgbench (./build.sh bench does)");
    }

    private static async Task<string> RunToEnd(string executable, IEnumerable<string> arguments, string? password)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (password is not null)
        {
            start.Environment["PGPASSWORD"] = password;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{executable} exited with {process.ExitCode}:\n{output}");
    }

    [GeneratedRegex(@"tps = ([0-9]+(?:\.[0-9]+)?) \(without initial connection time\)")]
    private static partial Regex TpsLine();
}
