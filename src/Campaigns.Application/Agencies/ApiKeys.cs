using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Application.Agencies;

/// <summary>
/// Agency API keys: 32 random bytes, shown once, stored only as a SHA-256 hash. A fast hash is enough because
/// the key has 256 bits of entropy; there is nothing to guess that a slow hash would protect.
/// </summary>
public static class ApiKeys
{
    private const string Prefix = "cmp_";

    /// <summary>A fresh key.</summary>
    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of a key.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
