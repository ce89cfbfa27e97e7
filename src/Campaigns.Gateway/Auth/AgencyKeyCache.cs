using System.Collections.Concurrent;
using Campaigns.Storage.Tenancy;

namespace Campaigns.Gateway.Auth;

/// <summary>
/// Remembers which agency a key hash belongs to, so authenticating a request costs a database read only the first
/// time a key is seen by this process. Keys are never reassigned, so a positive entry never goes stale.
/// </summary>
public sealed class AgencyKeyCache(AgencyStore agencies)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, string> _agencyByHash = new(StringComparer.Ordinal);

    /// <summary>The agency id for a key hash, or null when no agency has that key.</summary>
    public async Task<string?> FindAgencyAsync(string keyHash, CancellationToken cancellationToken)
    {
        if (_agencyByHash.TryGetValue(keyHash, out var agencyId))
        {
            return agencyId;
        }
        var agency = await agencies.FindByKeyHashAsync(keyHash, cancellationToken);
        if (agency is not null && _agencyByHash.Count < MaxEntries)
        {
            _agencyByHash[keyHash] = agency.Id;
        }
        return agency?.Id;
    }
}
