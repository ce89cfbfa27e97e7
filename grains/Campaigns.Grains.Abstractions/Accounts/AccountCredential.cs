using Campaigns.Domain.Accounts;

namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>
/// What a client may know about an account's platform tokens — never the tokens themselves. Only accounts on a real
/// platform's connector have one.
/// </summary>
/// <param name="Status">Whether the account can publish through its platform.</param>
/// <param name="Scopes">The scopes the user granted (empty until connected).</param>
/// <param name="ExpiresAt">When the current access token expires, as the platform stated; refreshed before then.</param>
/// <param name="RefreshedAt">When the current tokens were obtained (connect or refresh).</param>
/// <param name="LastError">The platform's code and reason for the last refused connect or refresh.</param>
[GenerateSerializer, Immutable]
public sealed record AccountCredential(
    [property: Id(0)] CredentialStatus Status,
    [property: Id(1)] List<string> Scopes,
    [property: Id(2)] DateTimeOffset? ExpiresAt,
    [property: Id(3)] DateTimeOffset? RefreshedAt,
    [property: Id(4)] string? LastError)
{
    /// <summary>A platform account nobody has connected yet.</summary>
    public static AccountCredential NotConnected { get; } = new(CredentialStatus.NotConnected, [], null, null, null);

    /// <summary>The credential an account on <paramref name="type"/> starts with: not connected, or none for the sandbox and webhook.</summary>
    public static AccountCredential? InitialFor(ConnectorType type) => ConnectorPairing.IsPlatformConnector(type) ? NotConnected : null;
}
