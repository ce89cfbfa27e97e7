using Dapper;

namespace Campaigns.Storage.Common;

/// <summary>
/// "Column is one of a list" in each dialect. Dapper expands <c>IN @list</c> into one parameter per item for
/// SQLite, but hands Npgsql the whole array as one parameter, which PostgreSQL matches with <c>= ANY(...)</c>.
/// </summary>
internal static class SqlLists
{
    /// <summary>Values per query in <see cref="QueryOneOfAsync{T}"/>: SQLite binds each one as its own parameter.</summary>
    private const int Chunk = 500;

    public static string OneOf(StorageProvider provider, string column, string parameter) =>
        provider == StorageProvider.PostgreSql ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    /// <summary>
    /// Runs <c>{select} {column} IN (values)</c> for a long list of values, a chunk at a time, and concatenates the
    /// results. <paramref name="select"/> ends in a condition joiner (<c>... WHERE agency_id = @agencyId AND</c>).
    /// </summary>
    public static async Task<List<T>> QueryOneOfAsync<T>(
        DbConnectionFactory connections, string select, string column, string agencyId, IEnumerable<string> values,
        CancellationToken cancellationToken)
    {
        var found = new List<T>();
        var sql = $"{select} {OneOf(connections.Provider, column, "chunk")}";
        await using var connection = await connections.OpenAsync(cancellationToken);
        foreach (var chunk in values.Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            found.AddRange(await connection.QueryAsync<T>(sql, new { agencyId, chunk }));
        }
        return found;
    }
}
