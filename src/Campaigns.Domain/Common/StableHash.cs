using System.Text;

namespace Campaigns.Domain.Common;

/// <summary>
/// A hash that is the same in every process, on every machine and in every .NET version — unlike
/// <see cref="string.GetHashCode()"/>, which is randomised per process. Used where a value must be
/// derived deterministically from text (simulated engagement, injected failures). Not cryptographic.
/// </summary>
public static class StableHash
{
    private const ulong FnvOffsetBasis = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>A 64-bit hash of the UTF-8 bytes of <paramref name="value"/>.</summary>
    public static ulong Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hash = FnvOffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash = (hash ^ b) * FnvPrime;
        }
        // FNV-1a alone spreads similar inputs ("key#1", "key#2") poorly in the high bits; the SplitMix64
        // finaliser makes every input bit affect every output bit.
        return Mix(hash);
    }

    /// <summary>A number in [0, 1) derived from <paramref name="value"/>, uniform enough for simulation.</summary>
    public static double Unit(string value) => (Of(value) >> 11) * (1.0 / (1UL << 53));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
