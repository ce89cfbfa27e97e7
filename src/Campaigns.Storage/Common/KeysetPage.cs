using System.Data.Common;
using System.Text;
using Dapper;

namespace Campaigns.Storage.Common;

/// <summary>
/// Keyset paging shared by every list: rows in id order after a cursor id, one extra row fetched to know whether
/// more follow. Ids are time-ordered, so a page never repeats or skips rows that existed when paging began.
/// </summary>
internal static class KeysetPage
{
    /// <summary>
    /// Runs <paramref name="select"/> (which must select the document column from a table aliased <c>x</c> and end
    /// in its WHERE clause) with the cursor, order and limit appended.
    /// </summary>
    public static Task<(IReadOnlyList<string> Documents, bool HasMore)> ReadAsync(
        DbConnection connection, StringBuilder select, DynamicParameters parameters, string? after, int limit) =>
        ReadRowsAsync<string>(connection, select, parameters, after, limit);

    /// <summary>As <see cref="ReadAsync"/>, for a select of whole rows of <typeparamref name="T"/>.</summary>
    public static async Task<(IReadOnlyList<T> Rows, bool HasMore)> ReadRowsAsync<T>(
        DbConnection connection, StringBuilder select, DynamicParameters parameters, string? after, int limit)
    {
        if (after is not null)
        {
            select.Append(" AND x.id > @After");
            parameters.Add("After", after);
        }
        select.Append(" ORDER BY x.id LIMIT @Take");
        parameters.Add("Take", limit + 1);
        var rows = (await connection.QueryAsync<T>(select.ToString(), parameters)).ToList();
        var hasMore = rows.Count > limit;
        return (hasMore ? rows[..limit] : rows, hasMore);
    }
}
