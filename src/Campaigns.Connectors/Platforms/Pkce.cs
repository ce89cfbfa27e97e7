using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Connectors.Platforms;

/// <summary>A PKCE pair (RFC 7636, S256): the verifier stays with the caller, the challenge goes on the authorize URL.</summary>
/// <param name="Verifier">43 characters of base64url randomness.</param>
/// <param name="Challenge">base64url(SHA-256(verifier)).</param>
public sealed record Pkce(string Verifier, string Challenge)
{
    /// <summary>The challenge method sent with <see cref="Challenge"/>.</summary>
    public const string Method = "S256";

    /// <summary>A fresh pair from 32 random bytes.</summary>
    public static Pkce Create()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return new Pkce(verifier, ChallengeOf(verifier));
    }

    /// <summary>The S256 challenge of a verifier.</summary>
    public static string ChallengeOf(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Keeps the verifier out of logs.</summary>
    public override string ToString() => $"pkce {Challenge}";
}
