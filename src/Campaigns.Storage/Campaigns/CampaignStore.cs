using System.Text;
using Dapper;

namespace Campaigns.Storage.Campaigns;

/// <summary>Campaign documents for lists and brand-wide commands, and each campaign's timeline.</summary>
public sealed class CampaignStore(DbConnectionFactory connections)
{
    /// <summary>Inserts or replaces a campaign's row; an older version changes nothing.</summary>
    public async Task UpsertAsync(CampaignRow row, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO campaigns (agency_id, id, brand, status, version, created_at, updated_at, document)
            VALUES (@AgencyId, @Id, @Brand, @Status, @Version, @CreatedAt, @UpdatedAt, @Document)
            ON CONFLICT (agency_id, id) DO UPDATE SET status = excluded.status, version = excluded.version,
                updated_at = excluded.updated_at, document = excluded.document
            WHERE campaigns.version < excluded.version
            """, row);
    }

    /// <summary>The stored document of a campaign, if any.</summary>
    public async Task<string?> FindDocumentAsync(string agencyId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT document FROM campaigns WHERE agency_id = @agencyId AND id = @id", new { agencyId, id });
    }

    /// <summary>A page of campaign documents in id order, optionally by brand and status.</summary>
    public async Task<(IReadOnlyList<string> Documents, bool HasMore)> ListAsync(
        string agencyId, string? brand, string? status, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder("SELECT x.document FROM campaigns x WHERE x.agency_id = @AgencyId");
        var parameters = new DynamicParameters(new { AgencyId = agencyId });
        if (brand is not null)
        {
            sql.Append(" AND x.brand = @Brand");
            parameters.Add("Brand", brand);
        }
        if (status is not null)
        {
            sql.Append(" AND x.status = @Status");
            parameters.Add("Status", status);
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await Common.KeysetPage.ReadAsync(connection, sql, parameters, after, limit);
    }

    /// <summary>Ids of a brand's campaigns in the given statuses (for freezing and unfreezing a brand).</summary>
    public async Task<IReadOnlyList<string>> IdsByBrandAsync(string agencyId, string brand, IReadOnlyCollection<string> statuses, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<string>(
            $"SELECT id FROM campaigns WHERE agency_id = @agencyId AND brand = @brand AND {Common.SqlLists.OneOf(connections.Provider, "status", "statuses")} ORDER BY id",
            new { agencyId, brand, statuses = statuses.ToArray() });
        return ids.ToList();
    }

    /// <summary>
    /// Appends events to a campaign's timeline, in one transaction. An event already there (same id: an outbox sent
    /// again after a crash) is left as it is.
    /// </summary>
    public async Task AppendEventsAsync(string agencyId, string campaignId, IReadOnlyList<CampaignEventRow> rows, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO campaign_events (agency_id, campaign_id, id, at, type, detail) VALUES (@agencyId, @campaignId, @Id, @At, @Type, @Detail)
            ON CONFLICT (agency_id, campaign_id, id) DO NOTHING
            """,
            rows.Select(row => new { agencyId, campaignId, row.Id, row.At, row.Type, row.Detail }), transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A campaign's timeline, oldest first.</summary>
    public async Task<IReadOnlyList<CampaignEventRow>> EventsAsync(string agencyId, string campaignId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CampaignEventRow>(
            "SELECT id AS Id, at AS At, type AS Type, detail AS Detail FROM campaign_events WHERE agency_id = @agencyId AND campaign_id = @campaignId ORDER BY id LIMIT @limit",
            new { agencyId, campaignId, limit });
        return rows.ToList();
    }
}
