using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Relief.Integration.Tests.Faults;

/// <summary>
/// Everything Relief has stored in an embedded silo's SQLite file, as one fingerprint per table: grain state
/// (every grain's payload and version, the cases' in their own table), the case queues and the ops activity counts. Orleans' own bookkeeping
/// (membership, reminders) is left out: it changes with time, not with requests. Read while the silo runs,
/// which WAL journaling allows.
/// </summary>
public sealed record StoredState(IReadOnlyDictionary<string, string> Tables, long GrainStates)
{
    private static readonly string[] Stored = ["relief_grain_state", "relief_case_state", "relief_account_state", "relief_own_state", "relief_state_member", "relief_ledger_entry", "relief_inbox", "relief_activity"];

    public static async Task<StoredState> Read(string dataFolder)
    {
        var file = Path.Combine(dataFolder, "relief.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        var tables = new Dictionary<string, string>();
        long grainStates = 0;
        foreach (var table in Stored)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join('\u001f', Enumerable.Range(0, reader.FieldCount).Select(i => Text(reader, i))));
            }
            // Sorted here, so the fingerprint depends on what is stored, not on the order SQLite returns it in.
            rows.Sort(StringComparer.Ordinal);
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', rows)));
            tables[table] = $"{rows.Count} rows, sha256 {Convert.ToHexString(hash)[..16]}";
            if (table is "relief_grain_state" or "relief_case_state" or "relief_account_state" or "relief_own_state")
            {
                grainStates += rows.Count;
            }
        }
        return new StoredState(tables, grainStates);
    }

    private static string Text(SqliteDataReader reader, int column) => reader.IsDBNull(column)
        ? "∅"
        : reader.GetValue(column) is byte[] bytes
            ? Convert.ToBase64String(bytes)
            : Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public bool SameAs(StoredState other) => Tables.All(t => other.Tables.TryGetValue(t.Key, out var v) && v == t.Value);

    public override string ToString() => string.Join("; ", Tables.Select(t => $"{t.Key}: {t.Value}"));
}
