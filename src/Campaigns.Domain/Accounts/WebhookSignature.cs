using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Domain.Accounts;

/// <summary>
/// How webhook calls are signed: <c>X-Campaigns-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;</c>
/// with the Unix-seconds timestamp in <c>X-Campaigns-Timestamp</c>. A receiver recomputes the HMAC with the shared
/// secret and should also reject old timestamps, which stops replays.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header carrying the signature.</summary>
    public const string SignatureHeader = "X-Campaigns-Signature";

    /// <summary>The header carrying the Unix time in seconds that the signature covers.</summary>
    public const string TimestampHeader = "X-Campaigns-Timestamp";

    /// <summary>The header carrying the publication's idempotency key.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private const string Scheme = "sha256=";

    /// <summary>The signature header value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>True when <paramref name="signature"/> is the signature of <paramref name="body"/> at <paramref name="timestamp"/>.</summary>
    public static bool Verify(string secret, string? timestamp, ReadOnlySpan<byte> body, string? signature)
    {
        if (signature is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Compute(secret, seconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    /// <summary>True when <paramref name="timestamp"/> is within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static bool IsFresh(string? timestamp, DateTimeOffset now, TimeSpan tolerance) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && Math.Abs(now.ToUnixTimeSeconds() - seconds) <= tolerance.TotalSeconds;
}
