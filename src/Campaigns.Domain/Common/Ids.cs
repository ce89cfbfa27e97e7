using System.Security.Cryptography;

namespace Campaigns.Domain.Common;

/// <summary>
/// Server-chosen ids: a prefix naming the kind of thing, then 12 hex digits of milliseconds and 10 hex digits that
/// are random for the first id of a millisecond. They sort by creation time, which keeps keyset paging stable while
/// rows are being added and lists in creation order: ids made in one process within the same millisecond take the
/// previous one's digits plus a random step, so they too sort in the order they were made (ids of two silos within
/// one millisecond may interleave).
/// </summary>
public static class Ids
{
    /// <summary>The largest value of the 10 hex digits after the milliseconds.</summary>
    private const ulong MaxTail = (1UL << 40) - 1;

    private static readonly Lock Gate = new();
    private static long _lastMillis = long.MinValue;
    private static ulong _lastTail;

    /// <summary>A fresh id such as <c>acc_019a6f3c2b1e4f7a9c0d12</c>.</summary>
    public static string New(string prefix, TimeProvider? clock = null)
    {
        var millis = (clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds();
        ulong tail;
        lock (Gate)
        {
            // A step of 1 to 65,536 keeps the next id in the millisecond as hard to guess as a fresh draw's top bits.
            var step = 1 + (ulong)RandomNumberGenerator.GetInt32(1 << 16);
            tail = millis == _lastMillis && _lastTail <= MaxTail - step ? _lastTail + step : RandomTail();
            (_lastMillis, _lastTail) = (millis, tail);
        }
        return $"{prefix}_{millis:x12}{tail:x10}";
    }

    /// <summary>True when the text could be an id of this prefix (cheap shape check, no look-up).</summary>
    public static bool HasShape(string? id, string prefix) =>
        id is not null
        && id.Length == prefix.Length + 1 + 22
        && id.StartsWith(prefix + "_", StringComparison.Ordinal)
        && id.AsSpan(prefix.Length + 1).ContainsAnyExcept("0123456789abcdef") is false;

    /// <summary>
    /// A random start for a millisecond's ids, in the lower half of the range so that steps rarely run out of room
    /// (about 8 million ids in one millisecond at the least).
    /// </summary>
    private static ulong RandomTail()
    {
        Span<byte> random = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(random);
        return BitConverter.ToUInt64(random) & (MaxTail >> 1);
    }
}
