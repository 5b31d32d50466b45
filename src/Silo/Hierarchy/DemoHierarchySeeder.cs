using Relief.Silo.Health;
using Relief.Workflows.Hierarchy;

namespace Relief.Silo.Hierarchy;

/// <summary>
/// On the first start in embedded mode, loads the demo hierarchy so a fresh clone has something to show.
/// A hierarchy that is already there (demo or imported) is left alone.
/// </summary>
public sealed class DemoHierarchySeeder(
    IGrainFactory grains,
    SiloReadiness readiness,
    ILogger<DemoHierarchySeeder> logger) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<IOrgUnitGrain>(OrgCode.NationalCode).Describe() is not null)
        {
            return;
        }
        readiness.Report("loading the demo hierarchy");
        var report = await new HierarchyImporter(grains).Import(DemoHierarchy.Read(), cancellationToken);
        logger.LogInformation("Loaded the demo hierarchy: {Added} org units", report.Added);
    }
}
