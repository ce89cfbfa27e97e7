using System.Text;
using Dapper;

namespace Campaigns.Storage.Schedules;

/// <summary>Recurring schedules for lists; each schedule grain writes its row.</summary>
public sealed class ScheduleStore(DbConnectionFactory connections)
{
    /// <summary>Inserts or replaces a schedule's row; an older version changes nothing.</summary>
    public async Task UpsertAsync(string agencyId, string id, bool active, long version, long createdAt, long updatedAt, string document,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO schedules (agency_id, id, active, version, created_at, updated_at, document)
            VALUES (@agencyId, @id, @active, @version, @createdAt, @updatedAt, @document)
            ON CONFLICT (agency_id, id) DO UPDATE SET active = excluded.active, version = excluded.version,
                updated_at = excluded.updated_at, document = excluded.document
            WHERE schedules.version < excluded.version
            """, new { agencyId, id, active = active ? 1 : 0, version, createdAt, updatedAt, document });
    }

    /// <summary>A page of the agency's active schedules in id order.</summary>
    public async Task<(IReadOnlyList<string> Documents, bool HasMore)> ListAsync(string agencyId, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder("SELECT x.document FROM schedules x WHERE x.agency_id = @AgencyId AND x.active = 1");
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await Common.KeysetPage.ReadAsync(connection, sql, new DynamicParameters(new { AgencyId = agencyId }), after, limit);
    }
}
