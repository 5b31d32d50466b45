using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Relief.Workflows.Funds;

namespace Relief.Silo.Storage;

/// <summary>The ledger's rows as the reports read them (ADR 21): one account, or a subtree as one range of the primary key.</summary>
public sealed class DatabaseLedgerRows(ReliefDatabase database) : ILedgerRows
{
    public async Task<LedgerPage> Entries(LedgerQuery query, int offset, int limit)
    {
        await using var connection = await database.Open(CancellationToken.None);
        var where = Where(query);
        int total;
        await using (var count = Bound(connection, $"SELECT COUNT(*) FROM relief_ledger_entry WHERE {where};", query))
        {
            total = Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        var items = new List<LedgerEntry>();
        if (limit > 0 && offset < total)
        {
            await using var select = Bound(connection,
                $"SELECT {LedgerRows.Columns} FROM relief_ledger_entry WHERE {where} ORDER BY unit_code, seq LIMIT @limit OFFSET @offset;", query);
            ReliefDatabase.AddTyped(select, "limit", (long)Math.Min(limit, total - offset), DbType.Int64);
            ReliefDatabase.AddTyped(select, "offset", (long)offset, DbType.Int64);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                items.Add(LedgerRows.Read(reader));
            }
        }
        return new LedgerPage(items, total);
    }

    public async Task<LedgerEntry?> Entry(Guid programmeId, string unit, Guid entryId)
    {
        await using var connection = await database.Open(CancellationToken.None);
        var query = new LedgerQuery(programmeId, unit);
        await using var select = Bound(connection, $"SELECT {LedgerRows.Columns} FROM relief_ledger_entry WHERE {Where(query)} AND entry_id = @entry;", query);
        ReliefDatabase.Add(select, "entry", entryId.ToString());
        await using var reader = await select.ExecuteReaderAsync();
        return await reader.ReadAsync() ? LedgerRows.Read(reader) : null;
    }

    public async Task<IReadOnlyList<LedgerTotal>> Totals(LedgerQuery query) =>
        [.. (await Summed(query, "category")).Select(t => t.Total)];

    public async Task<IReadOnlyList<LevelTotal>> TotalsByLevel(LedgerQuery query) =>
        [.. (await Summed(query, "unit_level")).Select(t => new LevelTotal((Relief.Workflows.Hierarchy.OrgLevel)t.Level!.Value, t.Total))];

    /// <summary>
    /// The rows summed by kind and item, and by <paramref name="also"/> (the category, or the unit's level). Without a
    /// period or a case, from the totals each account keeps with its entries (a few rows per account, whatever the
    /// season's size); with one, from the entries themselves.
    /// </summary>
    private async Task<List<(int? Level, LedgerTotal Total)>> Summed(LedgerQuery query, string also)
    {
        await using var connection = await database.Open(CancellationToken.None);
        await using var select = Bound(connection, Whole(query)
            ? $"""
              SELECT kind, {also}, item, item_unit, SUM(entries), SUM(quantity), SUM(national_fen), SUM(provincial_fen),
                     SUM(local_fen), SUM(own_fen), SUM(donation_fen)
              FROM relief_ledger_total WHERE {Where(query)}
              GROUP BY kind, {also}, item, item_unit;
              """
            : $"""
              SELECT kind, {also}, item, item_unit, COUNT(*), COALESCE(SUM(quantity), 0), SUM(national_fen), SUM(provincial_fen),
                     SUM(local_fen), SUM(own_fen), SUM(donation_fen)
              FROM relief_ledger_entry WHERE {Where(query)}
              GROUP BY kind, {also}, item, item_unit;
              """, query);
        await using var reader = await select.ExecuteReaderAsync();
        var totals = new List<(int?, LedgerTotal)>();
        var byLevel = also == "unit_level";
        while (await reader.ReadAsync())
        {
            long Long(int i) => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
            // The totals keep "none" as an empty text (it is part of their key).
            string? Text(int i) => reader.IsDBNull(i) || reader.GetString(i).Length == 0 ? null : reader.GetString(i);
            totals.Add((byLevel ? (int)Long(1) : null, new LedgerTotal(Enum.Parse<LedgerEntryKind>(reader.GetString(0)), byLevel ? null : Text(1), Text(2), Text(3),
                Long(4), Long(5), LedgerRows.Amounts(reader, 6))));
        }
        return totals;
    }

    public async Task<int> Accounts(LedgerQuery query)
    {
        await using var connection = await database.Open(CancellationToken.None);
        await using var count = Bound(connection,
            $"SELECT COUNT(DISTINCT unit_code) FROM {(Whole(query) ? "relief_ledger_total" : "relief_ledger_entry")} WHERE {Where(query)};", query);
        return Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<UnpaidPage> Unpaid(Guid programmeId, string root, int offset, int limit)
    {
        var query = new LedgerQuery(programmeId, root, Subtree: true);
        // A case's last entry at its branch says where its money stands: reserved (unpaid), released or paid.
        var last = $"""
            FROM relief_ledger_entry r JOIN (
                SELECT unit_code, case_id, MAX(seq) AS seq FROM relief_ledger_entry
                WHERE {Where(query)} AND case_id IS NOT NULL GROUP BY unit_code, case_id) l
              ON r.service_id = @service AND r.programme_id = @programme AND r.unit_code = l.unit_code AND r.seq = l.seq
            WHERE r.kind = 'Reserved'
            """;
        await using var connection = await database.Open(CancellationToken.None);
        int total;
        await using (var count = Bound(connection, $"SELECT COUNT(*) {last};", query))
        {
            total = Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        var items = new List<UnpaidCase>();
        if (limit > 0 && offset < total)
        {
            await using var select = Bound(connection, $"""
                SELECT r.case_id, r.unit_code, r.category, r.national_fen, r.provincial_fen, r.local_fen, r.own_fen, r.donation_fen
                {last} ORDER BY r.unit_code, r.seq LIMIT @limit OFFSET @offset;
                """, query);
            ReliefDatabase.AddTyped(select, "limit", (long)Math.Min(limit, total - offset), DbType.Int64);
            ReliefDatabase.AddTyped(select, "offset", (long)offset, DbType.Int64);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                items.Add(new UnpaidCase(Guid.Parse(reader.GetString(0)), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    LedgerRows.Amounts(reader, 3)));
            }
        }
        return new UnpaidPage(items, total);
    }

    /// <summary>Whether the query asks for whole accounts (no period, no single case): what their totals answer.</summary>
    private static bool Whole(LedgerQuery query) => query is { From: null, To: null, CaseId: null };

    /// <summary>
    /// The filter of a query as SQL over bound parameters only. A subtree is the unit and every code below it: one
    /// range of the primary key ('CN-44-' up to 'CN-44.', the character after '-'), compared bytewise.
    /// </summary>
    private static string Where(LedgerQuery query)
    {
        var where = new StringBuilder("service_id = @service AND programme_id = @programme AND ");
        where.Append(query.Subtree ? "(unit_code = @unit OR (unit_code >= @below AND unit_code < @after))" : "unit_code = @unit");
        if (query.Kinds is { Count: > 0 } kinds)
        {
            where.Append(" AND kind IN (").Append(string.Join(", ", kinds.Select((_, i) => $"@k{i}"))).Append(')');
        }
        if (query.From is not null)
        {
            where.Append(" AND at_ms >= @from");
        }
        if (query.To is not null)
        {
            where.Append(" AND at_ms < @to");
        }
        if (query.CaseId is not null)
        {
            where.Append(" AND case_id = @case");
        }
        return where.ToString();
    }

    private DbCommand Bound(DbConnection connection, string sql, LedgerQuery query)
    {
        var command = database.Command(connection, sql);
        ReliefDatabase.Add(command, "programme", query.ProgrammeId.ToString());
        ReliefDatabase.Add(command, "unit", query.Unit);
        if (query.Subtree)
        {
            ReliefDatabase.Add(command, "below", query.Unit + "-");
            ReliefDatabase.Add(command, "after", query.Unit + ".");
        }
        foreach (var (kind, i) in (query.Kinds ?? []).Select((k, i) => (k, i)))
        {
            ReliefDatabase.Add(command, $"k{i}", kind.ToString());
        }
        if (query.From is not null)
        {
            ReliefDatabase.AddInstant(command, "from", query.From);
        }
        if (query.To is not null)
        {
            ReliefDatabase.AddInstant(command, "to", query.To);
        }
        if (query.CaseId is not null)
        {
            ReliefDatabase.Add(command, "case", query.CaseId.ToString());
        }
        return command;
    }
}
