using System.Data.Common;
using Dapper;

namespace Campaigns.Storage.Common;

/// <summary>Writes the (agency, owner, value) rows of a link table such as <c>video_tags</c>.</summary>
internal static class LinkRows
{
    public static Task InsertAsync(DbConnection connection, DbTransaction transaction, string table, string ownerColumn, string valueColumn,
        string agencyId, string ownerId, IEnumerable<string> values)
    {
        var rows = values.Distinct(StringComparer.Ordinal).Select(v => new { agencyId, ownerId, value = v }).ToList();
        return rows.Count == 0
            ? Task.CompletedTask
            : connection.ExecuteAsync(
                $"INSERT INTO {table} (agency_id, {ownerColumn}, {valueColumn}) VALUES (@agencyId, @ownerId, @value)", rows, transaction);
    }

    public static Task DeleteAsync(DbConnection connection, DbTransaction transaction, string table, string ownerColumn, string agencyId, string ownerId) =>
        connection.ExecuteAsync($"DELETE FROM {table} WHERE agency_id = @agencyId AND {ownerColumn} = @ownerId", new { agencyId, ownerId }, transaction);
}
