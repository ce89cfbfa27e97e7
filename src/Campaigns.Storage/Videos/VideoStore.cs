using System.Text;
using Campaigns.Storage.Common;
using Campaigns.Storage.Products;
using Dapper;

namespace Campaigns.Storage.Videos;

/// <summary>The videos read model, filterable by tag, linked product and type.</summary>
public sealed class VideoStore(DbConnectionFactory connections)
{
    /// <summary>Inserts a new video with its tag and product links, in one transaction.</summary>
    public async Task InsertAsync(VideoRow row, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO videos (agency_id, id, type, version, created_at, updated_at, document)
            VALUES (@AgencyId, @Id, @Type, @Version, @CreatedAt, @UpdatedAt, @Document)
            """, row, transaction);
        await LinkRows.InsertAsync(connection, transaction, "video_tags", "video_id", "tag", row.AgencyId, row.Id, row.Tags);
        await LinkRows.InsertAsync(connection, transaction, "video_products", "video_id", "product_id", row.AgencyId, row.Id, row.ProductIds);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Removes a video's rows (undoing an insert whose grain write failed).</summary>
    public async Task DeleteAsync(string agencyId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LinkRows.DeleteAsync(connection, transaction, "video_tags", "video_id", agencyId, id);
        await LinkRows.DeleteAsync(connection, transaction, "video_products", "video_id", agencyId, id);
        await connection.ExecuteAsync("DELETE FROM videos WHERE agency_id = @agencyId AND id = @id", new { agencyId, id }, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The stored document of a video, if the row exists.</summary>
    public async Task<string?> FindDocumentAsync(string agencyId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT document FROM videos WHERE agency_id = @agencyId AND id = @id", new { agencyId, id });
    }

    /// <summary>The documents of these videos of the agency, by id; unknown ids are absent.</summary>
    public Task<IReadOnlyDictionary<string, string>> DocumentsAsync(string agencyId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) =>
        DocumentsById.ReadAsync(connections, "videos", agencyId, ids, cancellationToken);

    /// <summary>One page of video documents, optionally with a tag, a linked product and a type.</summary>
    public async Task<(IReadOnlyList<string> Documents, bool HasMore)> ListAsync(CatalogueQuery query, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder("SELECT x.document FROM videos x WHERE x.agency_id = @AgencyId");
        var parameters = new DynamicParameters(new { query.AgencyId });
        if (query.Tag is not null)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM video_tags t WHERE t.agency_id = x.agency_id AND t.video_id = x.id AND t.tag = @Tag)");
            parameters.Add("Tag", query.Tag);
        }
        if (query.ProductId is not null)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM video_products p WHERE p.agency_id = x.agency_id AND p.video_id = x.id AND p.product_id = @ProductId)");
            parameters.Add("ProductId", query.ProductId);
        }
        if (query.Type is not null)
        {
            sql.Append(" AND x.type = @Type");
            parameters.Add("Type", query.Type);
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await KeysetPage.ReadAsync(connection, sql, parameters, query.After, query.Limit);
    }
}
