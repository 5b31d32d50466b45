using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Relief.Integration.Tests.Infrastructure;
using Relief.Silo.Configuration;
using Relief.Silo.Storage;
using Relief.Workflows.Common;
using Relief.Workflows.Funds;

namespace Relief.Integration.Tests.Storage;

/// <summary>
/// The ledger as rows (ADR 21), on both stores: every entry a row numbered in its account's order and written in the
/// transaction of the state it follows, a state that stays the same size however long the ledger grows, a store
/// that refuses the rows moving no money, and an account stored before schema 10 moving its ledger into rows.
/// </summary>
public sealed class LedgerRowsTests
{
    private static readonly Actor Finance = new("finance-cn", "CN");

    [SkippableTheory]
    [InlineData(StorageMode.Embedded)]
    [InlineData(StorageMode.PostgreSql)]
    public async Task Every_entry_is_a_row_in_its_accounts_order_and_the_state_does_not_grow_with_the_ledger(StorageMode mode)
    {
        await using var storage = await TestStorage.Create(mode);
        await using var cluster = await ReliefClusters.Start(storage);
        var programme = Guid.NewGuid();
        var national = Account(cluster, programme, "CN");
        Assert.True((await national.Grant(FundingSource.NationalAllocation, Money.FromYuan(1_000_000), null, Finance)).Result.Succeeded);
        var stateAtFirst = await StateBytes(storage, programme, "CN");
        for (var i = 0; i < 200; i++)
        {
            Assert.True((await national.Grant(FundingSource.OwnFunds, Money.FromYuan(1), null, Finance)).Result.Succeeded);
        }
        // 200 entries later the state holds the same balances and sets: a few bytes of larger numbers, no entries.
        Assert.InRange(await StateBytes(storage, programme, "CN") - stateAtFirst, 0, 32);

        var allocation = await national.Allocate("CN-44", Money.FromYuan(5_000), null, Finance);
        Assert.True(allocation.Result.Succeeded);
        var rows = Rows(cluster);
        var ledger = await rows.Entries(new LedgerQuery(programme, "CN"), 0, 1_000);
        Assert.Equal(202, ledger.Total);
        Assert.Equal(Enumerable.Range(1, 202).Select(i => (long)i), ledger.Items.Select(e => e.Seq));
        var view = await national.Describe();
        Assert.Equal(202, view.Entries);
        Assert.Equal(view.Balances, AccountBalances.Of(ledger.Items));

        // The child's entry is written with its own state when the allocation reaches it, under the same movement id.
        var received = await Eventually.Get(() => rows.Entries(new LedgerQuery(programme, "CN-44"), 0, 10), page => page.Total == 1, TimeSpan.FromSeconds(20));
        Assert.Equal((LedgerEntryKind.AllocationIn, allocation.Entry!.Id, 1L), (received.Items[0].Kind, received.Items[0].Id, received.Items[0].Seq));
        var subtree = new LedgerQuery(programme, "CN", Subtree: true);
        Assert.Equal(2, await rows.Accounts(subtree));
        var inTransit = Assert.Single(await rows.Totals(subtree), t => t.Kind == LedgerEntryKind.AllocationIn);
        Assert.Equal(Money.FromYuan(5_000), inTransit.Amounts.Total);
        Assert.Equal(1, await rows.Accounts(new LedgerQuery(programme, "CN-44", Subtree: true)));
        // The totals each account keeps with its entries say what the entries, summed, say.
        static string Key(LedgerTotal t) => $"{t.Kind}|{t.Category}|{t.Item}";
        var summedEntries = await rows.Totals(subtree with { From = DateTimeOffset.UnixEpoch });
        Assert.Equal(summedEntries.OrderBy(Key), (await rows.Totals(subtree)).OrderBy(Key));
        Assert.Equal(203, summedEntries.Sum(t => t.Entries));
    }

    [Fact]
    public async Task A_store_that_refuses_the_rows_moves_no_money_and_the_next_entry_takes_the_place_it_left()
    {
        await using var storage = await TestStorage.Create(StorageMode.Embedded);
        await using var cluster = await ReliefClusters.Start(storage);
        var programme = Guid.NewGuid();
        var national = Account(cluster, programme, "CN");
        Assert.True((await national.Grant(FundingSource.NationalAllocation, Money.FromYuan(1_000), null, Finance)).Result.Succeeded);

        await storage.Execute("CREATE TRIGGER refuse_ledger BEFORE INSERT ON relief_ledger_entry BEGIN SELECT RAISE(ABORT, 'ledger store unavailable'); END;");
        await Assert.ThrowsAnyAsync<Exception>(() => national.Grant(FundingSource.OwnFunds, Money.FromYuan(500), null, Finance));
        await storage.Execute("DROP TRIGGER refuse_ledger;");

        // The failed write dropped the activation: the account reads back what is stored, the refused grant nowhere.
        var view = await national.Describe();
        Assert.Equal((Money.FromYuan(1_000), 1), (view.Balances.Received.Total, view.Entries));
        var again = await national.Grant(FundingSource.OwnFunds, Money.FromYuan(700), null, Finance);
        Assert.Equal(2, again.Entry!.Seq);
        var ledger = await Rows(cluster).Entries(new LedgerQuery(programme, "CN"), 0, 10);
        Assert.Equal([Money.FromYuan(1_000), Money.FromYuan(700)], ledger.Items.Select(e => e.Amounts.Total));
    }

    [SkippableTheory]
    [InlineData(StorageMode.Embedded)]
    [InlineData(StorageMode.PostgreSql)]
    public async Task An_account_stored_with_its_ledger_inside_moves_it_into_rows_once(StorageMode mode)
    {
        await using var storage = await TestStorage.Create(mode);
        await using var cluster = await ReliefClusters.Start(storage);
        var programme = Guid.NewGuid();
        var province = Account(cluster, programme, "CN-44");
        // A province's state as schema 9 stored it, in Orleans' table: the whole ledger inside, every entry id remembered.
        var book = new AccountBook();
        book.Grant(FundingSource.ProvincialSubsidy, Money.FromYuan(800), null, Move());
        book.ReceiveAllocation("CN", SourceAmounts.Of(FundingSource.NationalAllocation, Money.FromYuan(2_000)), Move());
        book.AllocateOut("CN-44-03", Money.FromYuan(300), SourceAmounts.Of(FundingSource.ProvincialSubsidy, Money.FromYuan(300)), Move());
        var entries = book.Unstored.Select(e => e with { Seq = 0 }).ToList();
        var before = new AccountState
        {
            Book = new AccountBook
            {
                LedgerBeforeRows = entries,
                Balances = book.Balances,
                PendingReceipts = book.PendingReceipts,
                ToChildren = book.ToChildren,
                FromParent = book.FromParent,
                Applied = [.. entries.Select(e => e.Id)],
            },
        };
        var services = cluster.Silos.Cast<InProcessSiloHandle>().First().SiloHost.Services;
        await services.GetRequiredKeyedService<IGrainStorage>("relief-adonet").WriteStateAsync("account", province.GetGrainId(), new GrainState<AccountState>(before));

        // Nobody calls the account: the upgrade finds it and its activation moves the ledger.
        var upgrade = services.GetRequiredService<LedgerUpgrade>();
        Assert.Equal(1, await upgrade.Run());
        var ledger = await Rows(cluster).Entries(new LedgerQuery(programme, "CN-44"), 0, 10);
        Assert.Equal(entries.Select((e, i) => (e.Id, e.Kind, (long)(i + 1))), ledger.Items.Select(e => (e.Id, e.Kind, e.Seq)));
        var view = await province.Describe();
        Assert.Equal((book.Balances, 3), (view.Balances, view.Entries));
        Assert.Equal(0, await upgrade.Run());

        // The allocation from the national unit delivered again still moves nothing; a new entry comes fourth.
        await province.AcceptAllocation("CN", SourceAmounts.Of(FundingSource.NationalAllocation, Money.FromYuan(2_000)), entries[1].ToMovement());
        Assert.Equal(4, (await province.Grant(FundingSource.OwnFunds, Money.FromYuan(5), null, new Actor("finance-gd", "CN-44"))).Entry!.Seq);
        Assert.Equal(4, (await Rows(cluster).Entries(new LedgerQuery(programme, "CN-44"), 0, 10)).Total);
    }

    private static IAccountGrain Account(TestCluster cluster, Guid programme, string unit) =>
        cluster.GrainFactory.GetGrain<IAccountGrain>(AccountKeys.For(programme, unit));

    private static ILedgerRows Rows(TestCluster cluster) =>
        cluster.Silos.Cast<InProcessSiloHandle>().First().SiloHost.Services.GetRequiredService<ILedgerRows>();

    private static Task<long> StateBytes(TestStorage storage, Guid programme, string unit) => storage.Scalar<long>(
        $"SELECT {(storage.Mode == StorageMode.Embedded ? "length" : "octet_length")}(payload) FROM relief_account_state WHERE grain_id LIKE '%{programme:N}/{unit}'");

    private static Movement Move() => new(Guid.NewGuid(), DateTimeOffset.UtcNow, Finance.ToString());
}

internal static class LedgerEntryTestMovements
{
    public static Movement ToMovement(this LedgerEntry entry) => new(entry.Id, entry.At, entry.Actor, entry.Reference, entry.Note);
}
