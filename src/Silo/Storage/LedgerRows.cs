using System.Data;
using System.Data.Common;
using System.Text;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;

namespace Relief.Silo.Storage;

/// <summary>The statements that put ledger entries into <c>relief_ledger_entry</c> and read them back (ADR 21).</summary>
public static class LedgerRows
{
    /// <summary>Entries per INSERT: 18 parameters each stays well under SQLite's and PostgreSQL's limits.</summary>
    public const int MostPerStatement = 200;

    public const string Columns = """
        seq, entry_id, at_ms, actor, kind, national_fen, provincial_fen, local_fen, own_fen, donation_fen,
        counterpart, reference, note, case_id, category, item, item_unit, quantity
        """;

    /// <summary>
    /// One statement putting the entries of one account; an entry already stored under its place (a state from before
    /// schema 10 moved twice) is left as it is.
    /// </summary>
    public static DbCommand Insert(ReliefDatabase database, DbConnection connection, Guid programme, string unit, IReadOnlyList<LedgerEntry> entries)
    {
        var sql = new StringBuilder($"INSERT INTO relief_ledger_entry (service_id, programme_id, unit_code, unit_level, {Columns}) VALUES ");
        for (var i = 0; i < entries.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(System.Globalization.CultureInfo.InvariantCulture,
                $"(@service, @programme, @unit, @level, @s{i}, @id{i}, @at{i}, @actor{i}, @kind{i}, @na{i}, @pr{i}, @lo{i}, @ow{i}, @do{i}, @cp{i}, @ref{i}, @note{i}, @case{i}, @cat{i}, @item{i}, @iu{i}, @qty{i})");
        }
        sql.Append(" ON CONFLICT (service_id, programme_id, unit_code, seq) DO NOTHING;");
        var command = database.Command(connection, sql.ToString());
        ReliefDatabase.Add(command, "programme", programme.ToString());
        ReliefDatabase.Add(command, "unit", unit);
        ReliefDatabase.AddTyped(command, "level", (int)OrgCode.Parse(unit).Level, DbType.Int32);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            ReliefDatabase.AddTyped(command, $"s{i}", e.Seq, DbType.Int64);
            ReliefDatabase.Add(command, $"id{i}", e.Id.ToString());
            ReliefDatabase.AddInstant(command, $"at{i}", e.At);
            ReliefDatabase.Add(command, $"actor{i}", e.Actor);
            ReliefDatabase.Add(command, $"kind{i}", e.Kind.ToString());
            ReliefDatabase.AddTyped(command, $"na{i}", e.Amounts.NationalAllocation.Fen, DbType.Int64);
            ReliefDatabase.AddTyped(command, $"pr{i}", e.Amounts.ProvincialSubsidy.Fen, DbType.Int64);
            ReliefDatabase.AddTyped(command, $"lo{i}", e.Amounts.LocalGovernment.Fen, DbType.Int64);
            ReliefDatabase.AddTyped(command, $"ow{i}", e.Amounts.OwnFunds.Fen, DbType.Int64);
            ReliefDatabase.AddTyped(command, $"do{i}", e.Amounts.SocialDonation.Fen, DbType.Int64);
            ReliefDatabase.Add(command, $"cp{i}", e.Counterpart);
            ReliefDatabase.Add(command, $"ref{i}", e.Reference);
            ReliefDatabase.Add(command, $"note{i}", e.Note);
            ReliefDatabase.Add(command, $"case{i}", e.CaseId?.ToString());
            ReliefDatabase.Add(command, $"cat{i}", e.Category);
            ReliefDatabase.Add(command, $"item{i}", e.Goods?.Item);
            ReliefDatabase.Add(command, $"iu{i}", e.Goods?.Unit);
            ReliefDatabase.AddTyped(command, $"qty{i}", e.Goods?.Quantity, DbType.Int64);
        }
        return command;
    }

    /// <summary>An entry as a row of <see cref="Columns"/> reads back, from column <paramref name="at"/> on.</summary>
    public static LedgerEntry Read(DbDataReader reader, int at = 0)
    {
        long Long(int i) => Convert.ToInt64(reader.GetValue(at + i), System.Globalization.CultureInfo.InvariantCulture);
        string? Text(int i) => reader.IsDBNull(at + i) ? null : reader.GetString(at + i);
        return new LedgerEntry(
            Guid.Parse(reader.GetString(at + 1)),
            DateTimeOffset.FromUnixTimeMilliseconds(Long(2)),
            reader.GetString(at + 3),
            Enum.Parse<LedgerEntryKind>(reader.GetString(at + 4)),
            new SourceAmounts(new Money(Long(5)), new Money(Long(6)), new Money(Long(7)), new Money(Long(8)), new Money(Long(9))),
            Text(10),
            Text(11),
            Text(12),
            Long(0),
            Text(14),
            Text(15) is { } item ? new GoodsLine(item, Text(16) ?? "", Long(17)) : null);
    }
}
