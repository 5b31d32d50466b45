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
        var marker = grains.GetGrain<ISeedMarkerGrain>("demo-hierarchy");
        var progress = await marker.Progress();
        if (progress == SeedProgress.Done)
        {
            return;
        }
        if (progress == SeedProgress.NotStarted && await grains.GetGrain<IOrgUnitGrain>(OrgCode.NationalCode).Describe() is not null)
        {
            return; // a hierarchy was imported before the first start: leave it alone
        }
        // Marked as started first, so a start that dies half-way resumes the import (which skips what is stored).
        await marker.Advance(SeedProgress.Started);
        readiness.Report("loading the demo hierarchy");
        var report = await new HierarchyImporter(grains).Import(DemoHierarchy.Read(), cancellationToken);
        await marker.Advance(SeedProgress.Done);
        logger.LogInformation("Loaded the demo hierarchy: {Added} org units", report.Added);
    }
}
