using Campaigns.Storage.Pushes;
using Dapper;

namespace Campaigns.Storage.Campaigns;

/// <summary>
/// Brand freezes as far as pushes no campaign owns are concerned (recurring schedules, standalone exchanges): a row in
/// <c>brand_freezes</c> while the brand is frozen, and those pushes held meanwhile. Campaigns of the brand are paused
/// by their own grains. Owners are told apart by the prefix of the owner id the push carries in <c>campaign_id</c>.
/// </summary>
public sealed class BrandFreezeStore(DbConnectionFactory connections)
{
    /// <summary>
    /// Records the brand as frozen and holds its scheduled pushes whose owner id starts with one of
    /// <paramref name="ownerPrefixes"/>, in one transaction; returns how many pushes it held.
    /// </summary>
    public async Task<int> FreezeAsync(string agencyId, string brand, IReadOnlyCollection<string> ownerPrefixes, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO brand_freezes (agency_id, brand, frozen_at) VALUES (@agencyId, @brand, @now) ON CONFLICT (agency_id, brand) DO NOTHING",
            new { agencyId, brand, now }, transaction);
        var held = await OwnerPushes.HoldBrandAsync(connection, transaction, OwnedBy(ownerPrefixes),
            new { agencyId, brand, now, prefixes = ownerPrefixes.ToArray() });
        await transaction.CommitAsync(cancellationToken);
        return held;
    }

    /// <summary>
    /// Ends the brand's freeze and releases its held pushes of those owners, in one transaction; returns how many it
    /// released and the distinct instants they are due at (so triggers can be made sure of).
    /// </summary>
    public async Task<(int Released, IReadOnlyList<long> DueInstants)> UnfreezeAsync(
        string agencyId, string brand, IReadOnlyCollection<string> ownerPrefixes, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "DELETE FROM brand_freezes WHERE agency_id = @agencyId AND brand = @brand", new { agencyId, brand }, transaction);
        var due = await OwnerPushes.ReleaseBrandAsync(connection, transaction, OwnedBy(ownerPrefixes),
            new { agencyId, brand, now, prefixes = ownerPrefixes.ToArray() });
        await transaction.CommitAsync(cancellationToken);
        return (due.Count, due.Distinct().Order().ToList());
    }

    /// <summary>Whether the push's brand is frozen now (asked by the push's owner just before it publishes).</summary>
    public async Task<bool> HoldsPushAsync(string agencyId, string pushId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            """
            SELECT COUNT(*) FROM pushes p JOIN brand_freezes f ON f.agency_id = p.agency_id AND f.brand = p.brand
            WHERE p.agency_id = @agencyId AND p.id = @pushId
            """, new { agencyId, pushId }) > 0;
    }

    /// <summary>Whether the agency's brand is frozen now.</summary>
    public async Task<bool> IsFrozenAsync(string agencyId, string brand, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM brand_freezes WHERE agency_id = @agencyId AND brand = @brand", new { agencyId, brand }) > 0;
    }

    private string OwnedBy(IReadOnlyCollection<string> ownerPrefixes)
    {
        var length = ownerPrefixes.Select(p => p.Length).Distinct().SingleOrDefault();
        if (length == 0 || ownerPrefixes.Count == 0)
        {
            throw new ArgumentException("Owner prefixes must be non-empty and of one length.", nameof(ownerPrefixes));
        }
        return ReadModel.SqlLists.OneOf(connections.Provider, $"substr(campaign_id, 1, {length})", "prefixes");
    }
}
