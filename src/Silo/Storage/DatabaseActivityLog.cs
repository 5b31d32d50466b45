using System.Globalization;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Queues;

namespace Relief.Silo.Storage;

/// <summary>The activity counts as rows of <c>relief_activity</c>: one upsert per filing or decision.</summary>
public sealed class DatabaseActivityLog(ReliefDatabase database) : IActivityLog
{
    public Task Filed(Guid programmeId, string unitCode, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Count(programmeId, unitCode, at, "filed", cancellationToken);

    public Task Decided(Guid programmeId, string unitCode, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Count(programmeId, unitCode, at, "decided", cancellationToken);

    public async Task<IReadOnlyList<ActivityHour>> Since(Guid programmeId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var command = database.Command(connection, """
            SELECT province_code, hour_ms, filed, decided FROM relief_activity
            WHERE service_id = @service AND programme_id = @programme AND hour_ms >= @since
            ORDER BY province_code, hour_ms;
            """);
        ReliefDatabase.Add(command, "programme", programmeId.ToString());
        ReliefDatabase.AddInstant(command, "since", HourOf(since));
        var hours = new List<ActivityHour>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hours.Add(new ActivityHour(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetInt64(2), reader.GetInt64(3)));
        }
        return hours;
    }

    public async Task<IReadOnlyList<ProvinceDepth>> Depths(Guid programmeId, CancellationToken cancellationToken = default)
    {
        // Province codes are the first five characters of every code below the national unit (CN-44…).
        await using var connection = await database.Open(cancellationToken);
        await using var command = database.Command(connection, """
            SELECT substr(unit_code, 1, 5), count(*) FROM relief_inbox
            WHERE service_id = @service AND programme_id = @programme AND waiting_for = 'Decision'
            GROUP BY substr(unit_code, 1, 5) ORDER BY 1;
            """);
        ReliefDatabase.Add(command, "programme", programmeId.ToString());
        var depths = new List<ProvinceDepth>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            depths.Add(new ProvinceDepth(reader.GetString(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture)));
        }
        return depths;
    }

    private async Task Count(Guid programmeId, string unitCode, DateTimeOffset at, string column, CancellationToken cancellationToken)
    {
        var key = ActivityKey.For(programmeId, unitCode, at);
        await Add([new(key, column == "filed" ? 1 : 0, column == "decided" ? 1 : 0)], cancellationToken);
    }

    /// <summary>Adds counts to their rows, all in one transaction (one commit for a whole batch).</summary>
    public async Task Add(IReadOnlyCollection<ActivityCounts> counts, CancellationToken cancellationToken = default)
    {
        using var turn = await database.Writing(cancellationToken);
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var count in counts)
        {
            await using var command = database.Command(connection, """
                INSERT INTO relief_activity (service_id, programme_id, province_code, hour_ms, filed, decided)
                VALUES (@service, @programme, @province, @hour, @filed, @decided)
                ON CONFLICT (service_id, programme_id, province_code, hour_ms) DO UPDATE
                SET filed = relief_activity.filed + excluded.filed, decided = relief_activity.decided + excluded.decided;
                """);
            command.Transaction = transaction;
            ReliefDatabase.Add(command, "programme", count.Key.ProgrammeId.ToString());
            ReliefDatabase.Add(command, "province", count.Key.ProvinceCode);
            ReliefDatabase.AddInstant(command, "hour", count.Key.Hour);
            ReliefDatabase.Add(command, "filed", count.Filed);
            ReliefDatabase.Add(command, "decided", count.Decided);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static DateTimeOffset HourOf(DateTimeOffset at) => ActivityKey.HourOf(at);
}

/// <summary>The row a filing or decision is counted in: programme, province, hour.</summary>
public readonly record struct ActivityKey(Guid ProgrammeId, string ProvinceCode, DateTimeOffset Hour)
{
    public static ActivityKey For(Guid programmeId, string unitCode, DateTimeOffset at) =>
        new(programmeId, OrgCode.Parse(unitCode).AncestorAt(OrgLevel.Provincial)?.Value ?? OrgCode.NationalCode, HourOf(at));

    public static DateTimeOffset HourOf(DateTimeOffset at) => new(at.UtcDateTime.Date.AddHours(at.UtcDateTime.Hour), TimeSpan.Zero);
}

/// <summary>Filings and decisions to add to one row.</summary>
public sealed record ActivityCounts(ActivityKey Key, long Filed, long Decided);
