using System.Data.Common;
using Npgsql;

namespace Relief.Silo.Storage;

/// <summary>Tells a database that is not there yet (worth waiting for) from a fault in our own SQL (not worth it).</summary>
public static class StorageFailures
{
    public static bool IsWorthRetrying(Exception exception) => exception switch
    {
        // The server answered: only syntax, access-rule and data errors are ours to fix; the rest
        // (starting up, too many connections, the database not created yet) can pass.
        // (28: the credentials were refused, a setting to fix rather than a database to wait for.)
        PostgresException postgres => !postgres.SqlState.StartsWith("42", StringComparison.Ordinal)
                                      && !postgres.SqlState.StartsWith("22", StringComparison.Ordinal)
                                      && !postgres.SqlState.StartsWith("28", StringComparison.Ordinal),
        NpgsqlException => true,
        DbException db => db.IsTransient,
        System.Net.Sockets.SocketException or TimeoutException or IOException => true,
        _ => false,
    };
}
