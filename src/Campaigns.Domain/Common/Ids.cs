using System.Security.Cryptography;

namespace Campaigns.Domain.Common;

/// <summary>
/// Server-chosen ids: a prefix naming the kind of thing, then 12 hex digits of milliseconds and 10 random
/// hex digits. They sort by creation time, which keeps keyset paging stable while rows are being added.
/// </summary>
public static class Ids
{
    /// <summary>A fresh id such as <c>acc_019a6f3c2b1e4f7a9c0d12</c>.</summary>
    public static string New(string prefix, TimeProvider? clock = null)
    {
        var millis = (clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds();
        Span<byte> random = stackalloc byte[5];
        RandomNumberGenerator.Fill(random);
        return $"{prefix}_{millis:x12}{Convert.ToHexStringLower(random)}";
    }

    /// <summary>True when the text could be an id of this prefix (cheap shape check, no look-up).</summary>
    public static bool HasShape(string? id, string prefix) =>
        id is not null
        && id.Length == prefix.Length + 1 + 22
        && id.StartsWith(prefix + "_", StringComparison.Ordinal)
        && id.AsSpan(prefix.Length + 1).ContainsAnyExcept("0123456789abcdef") is false;
}
