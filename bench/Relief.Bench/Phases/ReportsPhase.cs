using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Relief.Api.Acting;
using Relief.Bench.Hosting;
using Relief.Bench.Season;
using Relief.Silo.Storage;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;

namespace Relief.Bench.Phases;

/// <summary>How long one report took, each time it was asked (the first after the rows were loaded, then again).</summary>
public sealed record ReportTiming(string Report, IReadOnlyList<double> Seconds)
{
    public double First => Seconds[0];

    /// <summary>The median of the times after the first (the first alone when it was asked once).</summary>
    public double Warm
    {
        get
        {
            var again = Seconds.Skip(1).Order().ToList();
            return again.Count == 0 ? First : again[(again.Count - 1) / 2];
        }
    }

    public double Slowest => Seconds.Max();
}

/// <summary>The reports phase: how many rows, how long their load took, each report's times, and whether the roll-up counted them all.</summary>
public sealed record ReportsResult(int PaidCases, long Rows, double LoadSeconds, IReadOnlyList<ReportTiming> Timings, string? Problem)
{
    public bool Passed => Problem is null;
}

/// <summary>
/// The national money reports over a season of <paramref name="paidCases"/> paid cases (issue 16). Running a million
/// cases through the engine would measure the engine again, so the rows such a season leaves are loaded in bulk under
/// a programme of their own — a national grant, every allocation down and its receipt, each branch's rice bought, and
/// per case its reservation and payment (a quarter of the cases with a bag of rice set aside and issued) — and the
/// reports are then asked through the API as finance asks them: the national roll-up (four times), a province's, the
/// national "what has not reached households" and the national public account.
/// </summary>
public sealed class ReportsPhase(ReliefApi api, ReliefUnderTest relief, SyntheticHierarchy hierarchy, int paidCases)
{
    private const string Category = "archived";
    private static readonly Money Rice = Money.FromYuan(80);

    public async Task<ReportsResult> Run()
    {
        Console.WriteLine($"  reports: loading the ledger rows of {paidCases:N0} paid cases …");
        var created = await api.Expect(HttpMethod.Post, "/api/programmes", "admin", OrgCode.NationalCode, ReliefRole.Admin, new
        {
            name = "2027年两节送温暖（报表基准）",
            opens = "2026-12-01",
            lastFilingDay = "2027-01-20",
            lastPaymentDay = "2027-02-05",
            allowAboveStandard = false,
            categories = new[] { new { code = Category, name = "在档困难职工", standard = SeasonPlan.Standard.ToString(), goods = new[] { new { name = "大米", quantity = 1, unit = "袋", unitValue = "80.00" } } } },
            minimumLivingLines = new Dictionary<string, string>(),
            items = new[] { new { name = "大米", unit = "袋", unitValue = "80.00" } },
        });
        var programme = created.Json.GetProperty("id").GetGuid();
        var rows = Rows().ToList();
        var load = Stopwatch.StartNew();
        await Load(programme, rows);
        load.Stop();
        Console.WriteLine($"  reports: {rows.Count:N0} rows loaded in {load.Elapsed.TotalSeconds:F1} s; timing the reports …");

        var province = hierarchy.At(OrgLevel.Provincial).First().Code;
        var path = $"/api/programmes/{programme}/orgunits";
        var timings = new List<ReportTiming>
        {
            await Time("national roll-up", $"{path}/{OrgCode.NationalCode}/rollup", 4),
            await Time($"province roll-up ({province})", $"{path}/{province}/rollup", 3),
            await Time("national: not yet with households", $"{path}/{OrgCode.NationalCode}/unreached", 3),
            await Time("national public account", $"{path}/{OrgCode.NationalCode}/disclosure", 3),
        };
        var rollUp = (await api.Expect(HttpMethod.Get, $"{path}/{OrgCode.NationalCode}/rollup", "admin", OrgCode.NationalCode, ReliefRole.Admin)).Json;
        var counted = rollUp.GetProperty("recipientsTotal").GetInt32();
        var expected = new Money(SeasonPlan.Standard.Fen * paidCases);
        string? problem = counted != paidCases || !Money.TryParseYuan(rollUp.GetProperty("paidTotal").GetString(), out var paid) || paid != expected
            ? $"the national roll-up counted {counted:N0} recipients and {rollUp.GetProperty("paidTotal").GetString()} yuan, not {paidCases:N0} and {expected}"
            : null;
        foreach (var timing in timings)
        {
            Console.WriteLine($"  reports: {timing.Report}: first {timing.First:F2} s, then {string.Join(", ", timing.Seconds.Skip(1).Select(s => s.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))} s");
        }
        return new ReportsResult(paidCases, rows.Count, load.Elapsed.TotalSeconds, timings, problem);
    }

    private async Task<ReportTiming> Time(string report, string path, int times)
    {
        var seconds = new List<double>();
        for (var i = 0; i < times; i++)
        {
            var answer = await api.Expect(HttpMethod.Get, path, "admin", OrgCode.NationalCode, ReliefRole.Admin);
            seconds.Add(answer.Elapsed.TotalSeconds);
        }
        return new ReportTiming(report, seconds);
    }

    /// <summary>The rows of the season, account by account, each account's entries numbered from 1.</summary>
    private IEnumerable<(string Unit, LedgerEntry Entry)> Rows()
    {
        var branches = hierarchy.Branches;
        var casesAt = branches.Select((_, b) => paidCases / branches.Count + (b < paidCases % branches.Count ? 1 : 0)).ToArray();
        var riceAt = casesAt.Select(c => (c + 3) / 4).ToArray();
        // What each unit needs for the cases below it: their cash, and the rice its branches buy.
        var need = new Dictionary<string, Money>();
        for (var b = 0; b < branches.Count; b++)
        {
            for (OrgCode? unit = OrgCode.Parse(branches[b]); unit is { } code; unit = code.Parent)
            {
                need[code.Value] = need.GetValueOrDefault(code.Value) + new Money(SeasonPlan.Standard.Fen * casesAt[b] + Rice.Fen * riceAt[b]);
            }
        }
        var seq = new Dictionary<string, long>();
        var at = ReliefUnderTest.SeasonStart;
        (string, LedgerEntry) Entry(string unit, LedgerEntryKind kind, Money amount, string? counterpart = null, string? category = null, GoodsLine? goods = null)
        {
            var next = seq[unit] = seq.GetValueOrDefault(unit) + 1;
            return (unit, new LedgerEntry(Guid.NewGuid(), at, $"finance-{unit}@{unit}", kind, SourceAmounts.Of(FundingSource.NationalAllocation, amount),
                counterpart, null, null, next, category, goods));
        }
        yield return Entry(OrgCode.NationalCode, LedgerEntryKind.Grant, need[OrgCode.NationalCode]);
        foreach (var unit in hierarchy.Units.Where(u => u.Parent is not null && need.ContainsKey(u.Code)))
        {
            yield return Entry(unit.Parent!, LedgerEntryKind.AllocationOut, need[unit.Code], unit.Code);
            yield return Entry(unit.Code, LedgerEntryKind.AllocationIn, need[unit.Code], unit.Parent);
            yield return Entry(unit.Code, LedgerEntryKind.ReceiptConfirmed, need[unit.Code]);
        }
        var rice = new GoodsLine("大米", "袋", 0);
        for (var b = 0; b < branches.Count; b++)
        {
            var branch = branches[b];
            if (riceAt[b] > 0)
            {
                yield return Entry(branch, LedgerEntryKind.GoodsBought, new Money(Rice.Fen * riceAt[b]), goods: rice with { Quantity = riceAt[b] });
            }
            for (var c = 0; c < casesAt[b]; c++)
            {
                var caseId = Guid.NewGuid().ToString();
                yield return Entry(branch, LedgerEntryKind.Reserved, SeasonPlan.Standard, caseId, Category);
                if (c % 4 == 0)
                {
                    yield return Entry(branch, LedgerEntryKind.GoodsSetAside, Rice, caseId, goods: rice with { Quantity = 1 });
                }
                yield return Entry(branch, LedgerEntryKind.Disbursed, SeasonPlan.Standard, caseId, Category);
                if (c % 4 == 0)
                {
                    yield return Entry(branch, LedgerEntryKind.GoodsIssued, Rice, caseId, goods: rice with { Quantity = 1 });
                }
            }
        }
    }

    /// <summary>Each account's totals, as its storage keeps them beside its entries (ADR 21).</summary>
    private static async Task AddToTotals(ReliefDatabase database, System.Data.Common.DbConnection connection, Guid programme,
        List<(string Unit, LedgerEntry Entry)> rows, System.Data.Common.DbTransaction? transaction)
    {
        foreach (var account in rows.GroupBy(r => r.Unit))
        {
            await using var totals = LedgerRows.AddToTotals(database, programme, account.Key, [.. account.Select(r => r.Entry)]);
            totals.Connection = connection;
            totals.Transaction = transaction;
            await totals.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The rows straight into the ledger's table: PostgreSQL's binary COPY, or SQLite inserts in large transactions.</summary>
    private async Task Load(Guid programme, List<(string Unit, LedgerEntry Entry)> rows)
    {
        var database = relief.Services.GetRequiredService<ReliefDatabase>();
        var service = relief.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        await using var connection = await database.Open(CancellationToken.None);
        if (connection is NpgsqlConnection postgres)
        {
            await using (var copy = await postgres.BeginBinaryImportAsync(
                $"COPY relief_ledger_entry (service_id, programme_id, unit_code, unit_level, {LedgerRows.Columns}) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var (unit, entry) in rows)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(service, NpgsqlDbType.Text);
                    await copy.WriteAsync(programme.ToString(), NpgsqlDbType.Text);
                    await copy.WriteAsync(unit, NpgsqlDbType.Text);
                    await copy.WriteAsync((int)OrgCode.Parse(unit).Level, NpgsqlDbType.Integer);
                    foreach (var (value, type) in LedgerRows.Values(entry))
                    {
                        await copy.WriteAsync(value ?? DBNull.Value, type == System.Data.DbType.Int64 ? NpgsqlDbType.Bigint : NpgsqlDbType.Text);
                    }
                }
                await copy.CompleteAsync();
            }
            await AddToTotals(database, connection, programme, rows, null);
            // What autovacuum would do soon after such a load; the planner then knows the table's size.
            await using var analyze = new NpgsqlCommand("ANALYZE relief_ledger_entry;", postgres);
            await analyze.ExecuteNonQueryAsync();
            return;
        }
        // SQLite: one prepared single-row insert, its values bound again for each row, a transaction per account batch.
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var insert = LedgerRows.Insert(database, programme, rows[0].Unit, [rows[0].Entry]);
            insert.Connection = connection;
            insert.Transaction = transaction;
            insert.Prepare();
            foreach (var (unit, entry) in rows)
            {
                insert.Parameters["unit"].Value = unit;
                insert.Parameters["level"].Value = (int)OrgCode.Parse(unit).Level;
                foreach (var (name, (value, _)) in LedgerRows.ParameterNames.Zip(LedgerRows.Values(entry)))
                {
                    insert.Parameters[$"{name}0"].Value = value ?? DBNull.Value;
                }
                await insert.ExecuteNonQueryAsync();
            }
            await AddToTotals(database, connection, programme, rows, transaction);
            await transaction.CommitAsync();
        }
    }
}
