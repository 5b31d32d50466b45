namespace Relief.Workflows;

/// <summary>Names of the grain storage providers the silo registers.</summary>
public static class StorageNames
{
    /// <summary>The durable store for grain state (SQLite or PostgreSQL, chosen by configuration): Orleans' ADO.NET provider.</summary>
    public const string Relief = "relief";

    /// <summary>The case grains' state, in the same database, written with the records that follow it (ADR 18).</summary>
    public const string Cases = "relief-cases";

    /// <summary>
    /// The states of the grains written on every case's way (applicant claims, filing keys, quotas, notice boards and
    /// lists), in Relief's own table: committed with the cases' and accounts' writes (ADR 24), their growing sets as
    /// rows of their own (<see cref="Common.IStateWithMembers"/>).
    /// </summary>
    public const string Hot = "relief-hot";

    /// <summary>The account grains' state, in the same database, written with its new ledger entries as rows (ADR 21).</summary>
    public const string Accounts = "relief-accounts";
}
