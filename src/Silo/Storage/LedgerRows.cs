using System.Data;
using System.Data.Common;
using System.Text;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;

namespace Relief.Silo.Storage;

/// <summary>The statements that put ledger entries into <c>relief_ledger_entry</c> and read them back (ADR 21).</summary>
public static class LedgerRows
{
    /// <summary>Entries per INSERT: 18 parameters each; Microsoft.Data.Sqlite binds a statement's parameters by name, in time that grows with their square.</summary>
    public const int MostPerStatement = 50;

    public const string Columns = """
        seq, entry_id, at_ms, actor, kind, national_fen, provincial_fen, local_fen, own_fen, donation_fen,
        counterpart, reference, note, case_id, category, item, item_unit, quantity
        """;

    /// <summary>
    /// One statement putting the entries of one account. An entry already stored under its place fails the write: only
    /// one activation writes an account (its state's version says so), so that would be a fault, never a repeat.
    /// </summary>
    public static DbCommand Insert(ReliefDatabase database, Guid programme, string unit, IReadOnlyList<LedgerEntry> entries)
    {
        var sql = new StringBuilder($"INSERT INTO relief_ledger_entry (service_id, programme_id, unit_code, unit_level, {Columns}) VALUES ");
        for (var i = 0; i < entries.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(System.Globalization.CultureInfo.InvariantCulture,
                $"(@service, @programme, @unit, @level, @s{i}, @id{i}, @at{i}, @actor{i}, @kind{i}, @na{i}, @pr{i}, @lo{i}, @ow{i}, @do{i}, @cp{i}, @ref{i}, @note{i}, @case{i}, @cat{i}, @item{i}, @iu{i}, @qty{i})");
        }
        sql.Append(';');
        var command = database.Detached(sql.ToString());
        ReliefDatabase.Add(command, "programme", programme.ToString());
        ReliefDatabase.Add(command, "unit", unit);
        ReliefDatabase.AddTyped(command, "level", (int)OrgCode.Parse(unit).Level, DbType.Int32);
        for (var i = 0; i < entries.Count; i++)
        {
            foreach (var (name, (value, type)) in ParameterNames.Zip(Values(entries[i])))
            {
                ReliefDatabase.AddTyped(command, $"{name}{i}", value, type);
            }
        }
        return command;
    }

    /// <summary>
    /// One statement adding the entries of one account to its totals by kind, category and item (the table the roll-up
    /// and the other subtree reports read), in the same transaction as the entries themselves.
    /// </summary>
    public static DbCommand AddToTotals(ReliefDatabase database, Guid programme, string unit, IReadOnlyList<LedgerEntry> entries)
    {
        var groups = entries.GroupBy(e => (e.Kind, Category: e.Category ?? "", Item: e.Goods?.Item ?? "")).ToList();
        var sql = new StringBuilder("""
            INSERT INTO relief_ledger_total (service_id, programme_id, unit_code, unit_level, kind, category, item, item_unit, entries, quantity,
                                             national_fen, provincial_fen, local_fen, own_fen, donation_fen) VALUES
            """);
        for (var i = 0; i < groups.Count; i++)
        {
            sql.Append(i == 0 ? " " : ", ").Append(System.Globalization.CultureInfo.InvariantCulture,
                $"(@service, @programme, @unit, @level, @kind{i}, @cat{i}, @item{i}, @iu{i}, @n{i}, @qty{i}, @na{i}, @pr{i}, @lo{i}, @ow{i}, @do{i})");
        }
        sql.Append("""
             ON CONFLICT (service_id, programme_id, unit_code, kind, category, item) DO UPDATE SET
                entries = relief_ledger_total.entries + excluded.entries, quantity = relief_ledger_total.quantity + excluded.quantity,
                national_fen = relief_ledger_total.national_fen + excluded.national_fen, provincial_fen = relief_ledger_total.provincial_fen + excluded.provincial_fen,
                local_fen = relief_ledger_total.local_fen + excluded.local_fen, own_fen = relief_ledger_total.own_fen + excluded.own_fen,
                donation_fen = relief_ledger_total.donation_fen + excluded.donation_fen;
            """);
        var command = database.Detached(sql.ToString());
        ReliefDatabase.Add(command, "programme", programme.ToString());
        ReliefDatabase.Add(command, "unit", unit);
        ReliefDatabase.AddTyped(command, "level", (int)OrgCode.Parse(unit).Level, DbType.Int32);
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            var sum = group.Aggregate(SourceAmounts.None, (total, e) => total + e.Amounts);
            ReliefDatabase.Add(command, $"kind{i}", group.Key.Kind.ToString());
            ReliefDatabase.Add(command, $"cat{i}", group.Key.Category);
            ReliefDatabase.Add(command, $"item{i}", group.Key.Item);
            ReliefDatabase.Add(command, $"iu{i}", group.First().Goods?.Unit ?? "");
            ReliefDatabase.AddTyped(command, $"n{i}", (long)group.Count(), DbType.Int64);
            ReliefDatabase.AddTyped(command, $"qty{i}", group.Sum(e => e.Goods?.Quantity ?? 0), DbType.Int64);
            ReliefDatabase.AddTyped(command, $"na{i}", sum.NationalAllocation.Fen, DbType.Int64);
            ReliefDatabase.AddTyped(command, $"pr{i}", sum.ProvincialSubsidy.Fen, DbType.Int64);
            ReliefDatabase.AddTyped(command, $"lo{i}", sum.LocalGovernment.Fen, DbType.Int64);
            ReliefDatabase.AddTyped(command, $"ow{i}", sum.OwnFunds.Fen, DbType.Int64);
            ReliefDatabase.AddTyped(command, $"do{i}", sum.SocialDonation.Fen, DbType.Int64);
        }
        return command;
    }

    /// <summary>The names the parameters of <see cref="Insert"/> take for each entry (the entry's index appended), in the order of <see cref="Columns"/>.</summary>
    public static readonly string[] ParameterNames = ["s", "id", "at", "actor", "kind", "na", "pr", "lo", "ow", "do", "cp", "ref", "note", "case", "cat", "item", "iu", "qty"];

    /// <summary>An entry's values in the order of <see cref="Columns"/>, each with its database type (a null one too).</summary>
    public static IReadOnlyList<(object? Value, DbType Type)> Values(LedgerEntry e) =>
    [
        (e.Seq, DbType.Int64), (e.Id.ToString(), DbType.String), (e.At.ToUnixTimeMilliseconds(), DbType.Int64), (e.Actor, DbType.String),
        (e.Kind.ToString(), DbType.String), (e.Amounts.NationalAllocation.Fen, DbType.Int64), (e.Amounts.ProvincialSubsidy.Fen, DbType.Int64),
        (e.Amounts.LocalGovernment.Fen, DbType.Int64), (e.Amounts.OwnFunds.Fen, DbType.Int64), (e.Amounts.SocialDonation.Fen, DbType.Int64),
        (e.Counterpart, DbType.String), (e.Reference, DbType.String), (e.Note, DbType.String), (e.CaseId?.ToString(), DbType.String),
        (e.Category, DbType.String), (e.Goods?.Item, DbType.String), (e.Goods?.Unit, DbType.String), (e.Goods?.Quantity, DbType.Int64),
    ];

    /// <summary>The five amount columns (national, provincial, local, own, donation fen) from column <paramref name="at"/> on.</summary>
    public static SourceAmounts Amounts(DbDataReader reader, int at)
    {
        Money Fen(int i) => new(Convert.ToInt64(reader.GetValue(at + i), System.Globalization.CultureInfo.InvariantCulture));
        return new SourceAmounts(Fen(0), Fen(1), Fen(2), Fen(3), Fen(4));
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
            Amounts(reader, at + 5),
            Text(10),
            Text(11),
            Text(12),
            Long(0),
            Text(14),
            Text(15) is { } item ? new GoodsLine(item, Text(16) ?? "", Long(17)) : null);
    }
}
