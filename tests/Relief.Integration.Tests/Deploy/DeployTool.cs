using System.Diagnostics;

namespace Relief.Integration.Tests.Deploy;

/// <summary>The command-line tools the deploy files are checked with (kubectl, promtool), found on PATH where the test command installs them.</summary>
internal static class DeployTool
{
    /// <summary>
    /// The tool's path. Without it the test is skipped with the reason, except under CI=true, where the test command
    /// should have installed Debian's <paramref name="package"/>: there it fails.
    /// </summary>
    public static string Find(string name, string package)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
        if (found is null && Environment.GetEnvironmentVariable("CI") == "true")
        {
            throw new InvalidOperationException($"CI=true and no {name}: the test command should have installed Debian's {package}.");
        }
        Skip.If(found is null, $"No {name} (Debian's {package} package; ./build.sh test installs it when run as root).");
        return found!;
    }

    /// <summary>Runs a tool to its end and returns its exit code and what it printed.</summary>
    public static async Task<ToolRun> Run(string tool, string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ToolRun(process.ExitCode, await output, await errors);
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Relief.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The tests run outside the repository.");
    }
}

/// <summary>How a tool's run ended.</summary>
internal sealed record ToolRun(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit code {ExitCode}\n{Output}\n{Errors}";
}
