using System.Security.Cryptography;
using System.Text;
using Campaigns.Domain.Common;
using Campaigns.Storage.Agencies;

namespace Campaigns.Application.Agencies;

/// <summary>
/// Agency API keys: 32 random bytes, shown once, stored only as a SHA-256 hash. A fast hash is enough because
/// the key has 256 bits of entropy; there is nothing to guess that a slow hash would protect.
/// </summary>
public static class ApiKeys
{
    /// <summary>The id prefix of API keys (<c>key_…</c>).</summary>
    public const string IdPrefix = "key";

    /// <summary>The most keys one agency may hold at once.</summary>
    public const int MaxPerAgency = 100;

    /// <summary>The name of the key an agency is created with.</summary>
    public const string InitialName = "initial";

    private const string Prefix = "cmp_";

    /// <summary>A fresh key.</summary>
    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of a key.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A fresh key for an agency and the record that stores its hash.</summary>
    public static (string Key, ApiKeyRecord Record) Issue(string agencyId, string name, TimeProvider clock)
    {
        var key = New();
        return (key, new ApiKeyRecord
        {
            AgencyId = agencyId,
            Id = Ids.New(IdPrefix, clock),
            Name = name,
            KeyHash = Hash(key),
            CreatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds(),
        });
    }
}
