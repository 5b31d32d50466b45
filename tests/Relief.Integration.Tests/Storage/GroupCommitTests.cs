using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Relief.Integration.Tests.Infrastructure;
using Relief.Silo.Configuration;
using Relief.Workflows;
using Relief.Workflows.Applicants;
using Relief.Workflows.Quotas;
using Relief.Silo.Storage;

namespace Relief.Integration.Tests.Storage;

/// <summary>
/// The group commit (ADR 24) on both stores, through the grain storage the silo registers: concurrent writes share
/// commits, each is answered once durable, a stale version fails that write alone, a write whose own statements the
/// database refuses fails alone while the others of its commit are stored, and a failed write drops the activation.
/// </summary>
public sealed class GroupCommitTests
{
    [SkippableTheory]
    [InlineData(StorageMode.Embedded)]
    [InlineData(StorageMode.PostgreSql)]
    public async Task Concurrent_writes_share_commits_and_a_stale_version_fails_that_write_alone(StorageMode mode)
    {
        await using var storage = await TestStorage.Create(mode);
        await using var cluster = await ReliefClusters.Start(storage);
        var hot = HotStorage(cluster);
        var first = new GrainState<ApplicantClaimState>(Claim());
        var contested = GrainId.Create("applicantclaim", "contested-" + Guid.NewGuid().ToString("N"));
        await hot.WriteStateAsync("applicant-claim", contested, first);
        var stale = new GrainState<ApplicantClaimState>(Claim()); // read before the first write: no version

        var commits = Services(cluster).GetRequiredService<GroupCommit>();
        var (commitsBefore, writesBefore) = (commits.Commits, commits.Writes);
        var others = Enumerable.Range(0, 300).Select(i => (Id: GrainId.Create("applicantclaim", $"gc-{i}-{Guid.NewGuid():N}"), State: new GrainState<ApplicantClaimState>(Claim()))).ToList();
        var writes = others.Select(o => Task.Run(() => hot.WriteStateAsync("applicant-claim", o.Id, o.State))).ToList();
        var refused = Task.Run(() => hot.WriteStateAsync("applicant-claim", contested, stale));
        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<InconsistentStateException>(() => refused);

        // Every other write is stored at version 1 and was answered so; the contested state is the first writer's.
        Assert.All(others, o => Assert.Equal("1", o.State.ETag));
        Assert.Equal(301, await storage.Scalar<long>("SELECT count(*) FROM relief_own_state WHERE grain_id LIKE 'applicantclaim/%'"));
        var read = new GrainState<ApplicantClaimState>();
        await hot.ReadStateAsync("applicant-claim", contested, read);
        Assert.Equal((first.State!.CaseId, "1"), (read.State!.CaseId, read.ETag));
        // The writes shared commits: this silo made fewer commits than it was given writes.
        var (made, given) = (commits.Commits - commitsBefore, commits.Writes - writesBefore);
        Assert.True(given >= 301 && made < given / 2, $"{made} commits for {given} writes");
    }

    [SkippableTheory]
    [InlineData(StorageMode.Embedded)]
    [InlineData(StorageMode.PostgreSql)]
    public async Task A_write_whose_own_rows_the_database_refuses_fails_alone_and_is_wholly_absent(StorageMode mode)
    {
        await using var storage = await TestStorage.Create(mode);
        await using var cluster = await ReliefClusters.Start(storage);
        var hot = HotStorage(cluster);
        await Refuse(storage, "relief_state_member", "NEW.member_key = 'refused'");

        var quotas = Enumerable.Range(0, 60).Select(i => (Id: GrainId.Create("quota", $"gc-{i}-{Guid.NewGuid():N}"), State: Quota(i == 17 ? "refused" : $"case-{i}"))).ToList();
        var writes = quotas.Select(q => Task.Run(() => hot.WriteStateAsync("quota", q.Id, q.State))).ToList();
        var failure = await Assert.ThrowsAsync<InconsistentStateException>(() => writes[17]);
        Assert.Contains(quotas[17].Id.ToString(), failure.Message, StringComparison.Ordinal);
        await Task.WhenAll(writes.Where((_, i) => i != 17));

        // The 59 others are stored with their holder; of the refused one, neither its state nor its holder.
        Assert.Equal(59, await storage.Scalar<long>("SELECT count(*) FROM relief_own_state WHERE grain_id LIKE 'quota/gc-%'"));
        Assert.Equal(59, await storage.Scalar<long>("SELECT count(*) FROM relief_state_member WHERE grain_id LIKE 'quota/gc-%'"));
        Assert.Equal(0, await storage.Scalar<long>($"SELECT count(*) FROM relief_own_state WHERE grain_id = '{quotas[17].Id}'"));
    }

    [SkippableTheory]
    [InlineData(StorageMode.Embedded)]
    [InlineData(StorageMode.PostgreSql)]
    public async Task A_quota_stores_each_place_as_a_row_and_a_failed_write_makes_it_reload_what_is_stored(StorageMode mode)
    {
        await using var storage = await TestStorage.Create(mode);
        await using var cluster = await ReliefClusters.Start(storage);
        var quota = cluster.GrainFactory.GetGrain<IQuotaGrain>(QuotaKeys.For(Guid.NewGuid(), "CN-44"));
        Assert.True((await quota.Receive(1_000)).Succeeded);
        var payload = await PayloadBytes(storage, "quota/%");
        foreach (var _ in Enumerable.Range(0, 300))
        {
            Assert.True(await quota.TryTake(Guid.NewGuid()));
        }
        // 300 places later the state is the same size: the holders are rows, one each.
        Assert.Equal(payload, await PayloadBytes(storage, "quota/%"));
        Assert.Equal(300, await storage.Scalar<long>("SELECT count(*) FROM relief_state_member WHERE grain_id LIKE 'quota/%' AND set_name = 'holders'"));

        await Refuse(storage, "relief_state_member", "1 = 1");
        await Assert.ThrowsAnyAsync<Exception>(() => quota.TryTake(Guid.NewGuid()));
        await Unrefuse(storage, "relief_state_member");
        // The failed write dropped the activation: the quota read back what is stored (300 held), not the place it lost.
        Assert.Equal(300, (await quota.Describe()).Used);
        Assert.True(await quota.TryTake(Guid.NewGuid()));
        Assert.Equal(301, (await quota.Describe()).Used);
    }

    [SkippableTheory]
    [InlineData(StorageMode.Embedded)]
    [InlineData(StorageMode.PostgreSql)]
    public async Task A_quota_stored_before_its_holders_were_rows_moves_them_into_rows_at_its_next_write(StorageMode mode)
    {
        await using var storage = await TestStorage.Create(mode);
        await using var cluster = await ReliefClusters.Start(storage);
        var key = QuotaKeys.For(Guid.NewGuid(), "CN-44-03");
        var quota = cluster.GrainFactory.GetGrain<IQuotaGrain>(key);
        var holders = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToHashSet();
        // The state as schema 10 stored it, in Orleans' table, its holders inside.
        var before = new QuotaState { Quota = 50, EarlierHolders = holders };
        await Services(cluster).GetRequiredKeyedService<IGrainStorage>("relief-adonet").WriteStateAsync("quota", quota.GetGrainId(), new GrainState<QuotaState>(before));

        Assert.Equal((50, 40), ((await quota.Describe()).Quota, (await quota.Describe()).Used));
        Assert.True(await quota.TryTake(holders.First())); // already held: no second place
        Assert.True(await quota.TryTake(Guid.NewGuid()));
        Assert.Equal(41, (await quota.Describe()).Used);
        Assert.Equal(41, await storage.Scalar<long>($"SELECT count(*) FROM relief_state_member WHERE grain_id = '{quota.GetGrainId()}'"));
    }

    private static ApplicantClaimState Claim() => new() { CaseId = Guid.NewGuid(), BranchCode = "CN-44-03-05-0001", ClaimedAt = DateTimeOffset.UtcNow };

    private static GrainState<QuotaState> Quota(string holder)
    {
        var state = new QuotaState { Quota = 10 };
        state.Holders.Put(holder, true);
        return new GrainState<QuotaState>(state);
    }

    private static IServiceProvider Services(TestCluster cluster) => cluster.Silos.Cast<InProcessSiloHandle>().First().SiloHost.Services;

    private static IGrainStorage HotStorage(TestCluster cluster) => Services(cluster).GetRequiredKeyedService<IGrainStorage>(StorageNames.Hot);

    private static Task<long> PayloadBytes(TestStorage storage, string like) => storage.Scalar<long>(
        $"SELECT {(storage.Mode == StorageMode.Embedded ? "length" : "octet_length")}(payload) FROM relief_own_state WHERE grain_id LIKE '{like}'");

    /// <summary>A trigger that makes the database refuse the table's inserts where <paramref name="when"/> holds.</summary>
    private static Task Refuse(TestStorage storage, string table, string when) => storage.Execute(storage.Mode == StorageMode.Embedded
        ? $"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} WHEN {when} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
        : $"""
           CREATE FUNCTION refuse_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN IF {when} THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
           CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_{table}();
           """);

    private static Task Unrefuse(TestStorage storage, string table) => storage.Execute(storage.Mode == StorageMode.Embedded
        ? $"DROP TRIGGER refuse_{table};"
        : $"DROP TRIGGER refuse_{table} ON {table}; DROP FUNCTION refuse_{table}();");
}
