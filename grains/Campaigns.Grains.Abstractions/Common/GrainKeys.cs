namespace Campaigns.Grains.Abstractions.Common;

/// <summary>
/// Every tenant-owned grain is keyed <c>{agencyId}/{entityId}</c>, so a handler can only ever address
/// grains of the agency it authenticated, whatever id a client sends.
/// </summary>
public static class GrainKeys
{
    /// <summary>The grain key for an entity of an agency.</summary>
    public static string For(string agencyId, string entityId) => $"{agencyId}/{entityId}";

    /// <summary>Splits a key made by <see cref="For"/>.</summary>
    public static (string AgencyId, string EntityId) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new ArgumentException($"'{key}' is not an agency-scoped grain key.", nameof(key));
        }
        return (key[..slash], key[(slash + 1)..]);
    }
}
