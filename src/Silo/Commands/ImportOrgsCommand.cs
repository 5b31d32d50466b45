using Relief.Silo.Configuration;
using Relief.Workflows.Hierarchy;

namespace Relief.Silo.Commands;

/// <summary>
/// <c>import-orgs FILE</c>: starts a silo on the configured storage, loads the file, and stops. A refused file
/// prints every line at fault and stores nothing. In embedded mode the serving silo must be stopped first:
/// one silo owns the SQLite file.
/// </summary>
public static class ImportOrgsCommand
{
    public static async Task<int> Run(string file, string[] args)
    {
        if (!File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"import-orgs: no file at {Path.GetFullPath(file)}");
            return 2;
        }
        var content = await File.ReadAllBytesAsync(file);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var storage = StorageSettings.FromConfiguration(builder.Configuration);
        var cluster = ClusterSettings.FromConfiguration(builder.Configuration);
        builder.AddReliefSilo(storage, cluster, seedDemoHierarchy: false);
        using var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch (Exception ex) when (storage.Mode == StorageMode.Embedded && ex is System.Net.Sockets.SocketException or IOException)
        {
            await Console.Error.WriteLineAsync(
                $"import-orgs: could not start a silo on {storage.Describe()}: {ex.Message}. Stop the running silo first.");
            return 1;
        }
        try
        {
            var report = await new HierarchyImporter(host.Services.GetRequiredService<IGrainFactory>()).Import(content);
            Console.WriteLine($"import-orgs: {report.Added} added, {report.Renamed} renamed, {report.Unchanged} unchanged");
            return 0;
        }
        catch (HierarchyFileRejectedException rejected)
        {
            await Console.Error.WriteLineAsync(rejected.Message);
            return 1;
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
