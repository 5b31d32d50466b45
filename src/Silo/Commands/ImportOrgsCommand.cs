using Relief.Silo.Configuration;
using Relief.Workflows.Hierarchy;

namespace Relief.Silo.Commands;

/// <summary>
/// <c>import-orgs FILE</c>: starts a silo on the configured storage, loads the file, and stops. A refused file
/// prints every line at fault and stores nothing. In embedded mode the serving silo must be stopped first:
/// one process owns the SQLite file (<see cref="DataFolderLock"/>).
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
        using var folderLock = DataFolderLock.Acquire(storage);
        builder.AddReliefSilo(storage, cluster, seedDemoHierarchy: false);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var report = await new HierarchyImporter(host.Services.GetRequiredService<IGrainFactory>()).Import(content);
            Console.WriteLine($"import-orgs: {report.Added} added, {report.Renamed} renamed, {report.Unchanged} unchanged, {report.Updated} with new member counts");
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
