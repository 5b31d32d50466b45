using System.Text;
using Relief.Integration.Tests.Infrastructure;
using Relief.Workflows.Hierarchy;

namespace Relief.Integration.Tests.Hierarchy;

/// <summary>The import rules against real grains and a real database, in both storage modes.</summary>
public abstract class HierarchyImportTests(ClusterFixture cluster)
{
    private HierarchyImporter Importer => new(cluster.Grains);

    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    private async Task<OrgUnitView?> Unit(string code) => await cluster.Grains.GetGrain<IOrgUnitGrain>(code).Describe();

    [SkippableFact]
    public async Task Importing_the_same_file_twice_writes_nothing_the_second_time()
    {
        cluster.SkipUnlessRunning();
        var file = Csv("CN,中华全国总工会,\nCN-51,四川省总工会,CN\nCN-51-01,成都市总工会,CN-51\nCN-51-01-07,成都市武侯区总工会,CN-51-01\nCN-51-01-07-0001,武侯区环卫工会,CN-51-01-07\n");

        var first = await Importer.Import(file);
        var versionsAfterFirst = await cluster.Storage.Scalar<long>("SELECT sum(version) FROM relief_grain_state");
        var second = await Importer.Import(file);
        var versionsAfterSecond = await cluster.Storage.Scalar<long>("SELECT sum(version) FROM relief_grain_state");

        Assert.Equal(new HierarchyImportReport(Added: 4, Renamed: 0, Unchanged: 1), first);
        Assert.Equal(new HierarchyImportReport(Added: 0, Renamed: 0, Unchanged: 5), second);
        Assert.Equal(versionsAfterFirst, versionsAfterSecond);
        Assert.Equal(OrgLevel.Branch, (await Unit("CN-51-01-07-0001"))?.Level);
    }

    [SkippableFact]
    public async Task A_file_with_a_bad_line_is_refused_whole_and_stores_nothing()
    {
        cluster.SkipUnlessRunning();
        var rowsBefore = await cluster.Storage.Scalar<long>("SELECT count(*) FROM relief_grain_state");
        var file = Csv("CN-61,陕西省总工会,CN\nCN-61-01,西安市总工会,CN-61\nCN-61-01-02,西安市新城区总工会,CN-61-01\n" +
                       "CN-61-01-02-0001,新城区环卫工会,CN-61-01-02\nCN-62-01,兰州市总工会,CN-62\nCN-61-01-02-0002,,CN-61-01-02\n");

        var refused = await Assert.ThrowsAsync<HierarchyFileRejectedException>(() => Importer.Import(file));

        Assert.Collection(refused.Errors,
            error => Assert.Equal((5, true), (error.Line, error.Reason.Contains("unknown parent CN-62", StringComparison.Ordinal))),
            error => Assert.Equal((6, true), (error.Line, error.Reason.Contains("the name is empty", StringComparison.Ordinal))));
        Assert.Null(await Unit("CN-61"));
        Assert.DoesNotContain((await Unit("CN"))!.Children, c => c.Code == "CN-61");
        Assert.Equal(rowsBefore, await cluster.Storage.Scalar<long>("SELECT count(*) FROM relief_grain_state"));
    }

    [SkippableFact]
    public async Task A_later_file_may_add_units_under_a_parent_imported_earlier()
    {
        cluster.SkipUnlessRunning();
        await Importer.Import(Csv("CN-63,青海省总工会,CN\nCN-63-01,西宁市总工会,CN-63\nCN-63-01-03,西宁市城中区总工会,CN-63-01\nCN-63-01-03-0001,城中区环卫工会,CN-63-01-03\n"));

        var report = await Importer.Import(Csv("CN-63-01-02,西宁市城东区总工会,CN-63-01\nCN-63-01-02-0001,城东区公交工会,CN-63-01-02\n"));

        Assert.Equal(new HierarchyImportReport(2, 0, 0), report);
        var city = await Unit("CN-63-01");
        Assert.Equal(["CN-63-01-02", "CN-63-01-03"], city!.Children.Select(c => c.Code));
        Assert.Equal(new OrgUnitSummary("CN-63-01-02", "西宁市城东区总工会", OrgLevel.District), city.Children[0]);
        Assert.Equal("CN-63-01", (await Unit("CN-63-01-02"))?.ParentCode);
    }

    [SkippableFact]
    public async Task Only_branches_may_be_at_the_bottom()
    {
        cluster.SkipUnlessRunning();
        var file = Csv("CN-54,西藏自治区总工会,CN\nCN-54-01,拉萨市总工会,CN-54\nCN-54-01-02,城关区总工会,CN-54-01\n");

        var refused = await Assert.ThrowsAsync<HierarchyFileRejectedException>(() => Importer.Import(file));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("CN-54-01-02 is a District unit with nothing below it", error.Reason, StringComparison.Ordinal);
        Assert.Null(await Unit("CN-54"));
    }

    [SkippableFact]
    public async Task A_changed_name_renames_the_unit_and_its_entry_in_the_parent()
    {
        cluster.SkipUnlessRunning();
        const string below = "CN-64-01-04,兴庆区总工会,CN-64-01\nCN-64-01-04-0001,兴庆区环卫工会,CN-64-01-04\n";
        await Importer.Import(Csv("CN-64,宁夏回族自治区总工会,CN\nCN-64-01,银川市总工会,CN-64\n" + below));

        var report = await Importer.Import(Csv("CN-64,宁夏回族自治区总工会,CN\nCN-64-01,银川市总工会（新）,CN-64\n" + below));

        Assert.Equal(new HierarchyImportReport(0, 1, 3), report);
        Assert.Equal("银川市总工会（新）", (await Unit("CN-64-01"))?.Name);
        Assert.Equal("银川市总工会（新）", Assert.Single((await Unit("CN-64"))!.Children).Name);
    }
}

[Collection(SharedSqliteCluster.Name)]
public sealed class HierarchyImportTests_Sqlite(SqliteClusterFixture cluster) : HierarchyImportTests(cluster);

[Collection(SharedPostgresCluster.Name)]
public sealed class HierarchyImportTests_Postgres(PostgresClusterFixture cluster) : HierarchyImportTests(cluster);
