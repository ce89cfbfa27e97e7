using Campaigns.Domain.Accounts;

namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>
/// What a platform's OAuth callback brought back for a checked state: the code to exchange, with the redirect URI and
/// PKCE verifier the authorize URL was made with.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CredentialGrant(
    [property: Id(0)] ConnectorType Type,
    [property: Id(1)] string Code,
    [property: Id(2)] Uri RedirectUri,
    [property: Id(3)] string? CodeVerifier)
{
    /// <summary>Keeps the code and the verifier out of logs.</summary>
    public override string ToString() => $"grant for {Type}";
}
