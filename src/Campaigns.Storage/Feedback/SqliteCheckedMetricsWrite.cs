using System.Data.Common;
using System.Text;
using Campaigns.Storage.Pushes;
using Dapper;

namespace Campaigns.Storage.Feedback;

/// <summary>
/// <see cref="MetricsStore.RecordCheckedAsync"/> on SQLite: the pushes are read inside the write transaction (which
/// holds the database's one write lock from its BEGIN), judged, and what was accepted written before the commit.
/// </summary>
internal static class SqliteCheckedMetricsWrite
{
    public static async Task<IReadOnlyList<MetricsCheck>> RecordAsync(DbConnection connection, IReadOnlyList<MetricsWrite> writes,
        long receivedAt, Func<PushRow, MetricsRow, bool> accepts, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var fold = MetricsFold.Of(writes, await ReadAsync(connection, transaction, writes), accepts);
        await MetricsStore.InsertHistoryAsync(connection, transaction, fold.History, receivedAt, cancellationToken);
        foreach (var chunk in fold.Latest.Chunk(Math.Max(1, BatchInsert.MaxSqliteParameters / MetricsStore.UpdateColumns)))
        {
            await MetricsStore.UpdateLatestAsync(connection, transaction, chunk);
        }
        await MetricsStore.AddViewsAsync(connection, transaction, fold.Increases, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return fold.Checks;
    }

    /// <summary>The rows the rules need of the batch's pushes, by agency and id.</summary>
    private static async Task<Dictionary<(string AgencyId, string Id), PushRow>> ReadAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<MetricsWrite> writes)
    {
        var rows = new Dictionary<(string AgencyId, string Id), PushRow>();
        var keys = writes.Select(w => (w.AgencyId, w.PushId)).Distinct().ToList();
        foreach (var chunk in keys.Chunk(Math.Max(1, BatchInsert.MaxSqliteParameters / 2)))
        {
            var values = new StringBuilder();
            var parameters = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++)
            {
                values.Append(i == 0 ? "" : ", ").Append($"(@a{i}, @p{i})");
                parameters.Add($"a{i}", chunk[i].AgencyId);
                parameters.Add($"p{i}", chunk[i].PushId);
            }
            var found = await connection.QueryAsync<PushRow>(
                $"""
                SELECT p.agency_id AS AgencyId, p.id AS Id, p.campaign_id AS CampaignId, p.wave AS Wave, p.status AS Status,
                    p.published_at AS PublishedAt, p.metrics_at AS MetricsAt, p.views AS Views, p.likes AS Likes,
                    p.comments AS Comments, p.shares AS Shares, p.clicks AS Clicks, p.orders AS Orders, p.gmv AS Gmv
                FROM (VALUES {values}) AS v CROSS JOIN pushes p
                WHERE p.agency_id = v.column1 AND p.id = v.column2
                """, parameters, transaction);
            foreach (var row in found)
            {
                rows[(row.AgencyId, row.Id)] = row;
            }
        }
        return rows;
    }
}
