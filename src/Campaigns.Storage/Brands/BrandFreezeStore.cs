using Campaigns.Storage.Pushes;
using Dapper;

namespace Campaigns.Storage.Brands;

/// <summary>
/// What the brand grain keeps in tables: the campaigns of each brand (<c>brand_campaigns</c>), and the pushes no
/// campaign owns (recurring schedules, standalone exchanges) that it holds while the brand is frozen. Owners are told
/// apart by the prefix of the owner id the push carries in <c>campaign_id</c>. The freeze itself is the grain's state.
/// </summary>
public sealed class BrandFreezeStore(DbConnectionFactory connections)
{
    /// <summary>Records a campaign of the brand (again: nothing changes).</summary>
    public async Task RegisterAsync(string agencyId, string brand, string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO brand_campaigns (agency_id, brand, campaign_id) VALUES (@agencyId, @brand, @campaignId) ON CONFLICT (agency_id, brand, campaign_id) DO NOTHING",
            new { agencyId, brand, campaignId });
    }

    /// <summary>The brand's registered campaigns, in id order.</summary>
    public async Task<IReadOnlyList<string>> CampaignsAsync(string agencyId, string brand, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<string>(
            "SELECT campaign_id FROM brand_campaigns WHERE agency_id = @agencyId AND brand = @brand ORDER BY campaign_id",
            new { agencyId, brand });
        return ids.ToList();
    }

    /// <summary>Forgets campaigns that have ended (or were never created), so freezes stop visiting them.</summary>
    public async Task ForgetAsync(string agencyId, string brand, IReadOnlyCollection<string> campaignIds, CancellationToken cancellationToken = default)
    {
        if (campaignIds.Count == 0)
        {
            return;
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            $"DELETE FROM brand_campaigns WHERE agency_id = @agencyId AND brand = @brand AND {Common.SqlLists.OneOf(connections.Provider, "campaign_id", "ids")}",
            new { agencyId, brand, ids = campaignIds.ToArray() });
    }

    /// <summary>Holds the brand's scheduled pushes whose owner id starts with one of <paramref name="ownerPrefixes"/>; returns how many.</summary>
    public async Task<int> HoldAsync(string agencyId, string brand, IReadOnlyCollection<string> ownerPrefixes, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await OwnerPushes.HoldBrandAsync(connection, null, OwnedBy(ownerPrefixes),
            new { agencyId, brand, now, prefixes = ownerPrefixes.ToArray() });
    }

    /// <summary>
    /// Releases the brand's held pushes of those owners; returns how many it released and the distinct instants they
    /// are due at (so triggers can be made sure of).
    /// </summary>
    public async Task<(int Released, IReadOnlyList<long> DueInstants)> ReleaseAsync(
        string agencyId, string brand, IReadOnlyCollection<string> ownerPrefixes, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var due = await OwnerPushes.ReleaseBrandAsync(connection, null, OwnedBy(ownerPrefixes),
            new { agencyId, brand, now, prefixes = ownerPrefixes.ToArray() });
        return (due.Count, due.Distinct().Order().ToList());
    }

    /// <summary>
    /// When an earlier version froze the brand (a row in <c>brand_freezes</c>), the instant it did; null otherwise.
    /// Read by the brand grain until it first records a state of its own.
    /// </summary>
    public async Task<long?> LegacyFrozenAtAsync(string agencyId, string brand, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<long?>(
            "SELECT frozen_at FROM brand_freezes WHERE agency_id = @agencyId AND brand = @brand", new { agencyId, brand });
    }

    private string OwnedBy(IReadOnlyCollection<string> ownerPrefixes)
    {
        var length = ownerPrefixes.Select(p => p.Length).Distinct().SingleOrDefault();
        if (length == 0 || ownerPrefixes.Count == 0)
        {
            throw new ArgumentException("Owner prefixes must be non-empty and of one length.", nameof(ownerPrefixes));
        }
        return Common.SqlLists.OneOf(connections.Provider, $"substr(campaign_id, 1, {length})", "prefixes");
    }
}
