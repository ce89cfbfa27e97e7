using Dapper;

namespace Campaigns.Storage.Common;

/// <summary>Reads the documents of many rows of one agency by id, in one round trip per chunk.</summary>
internal static class DocumentsById
{
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(
        DbConnectionFactory connections, string table, string agencyId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return result;
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(BatchInsert.ListChunk(connections.Provider)))
        {
            var rows = await connection.QueryAsync<(string Id, string Document)>(
                $"SELECT id, document FROM {table} WHERE agency_id = @agencyId AND {SqlLists.OneOf(connections.Provider, "id", "ids")}",
                new { agencyId, ids = chunk });
            foreach (var (id, document) in rows)
            {
                result[id] = document;
            }
        }
        return result;
    }
}
