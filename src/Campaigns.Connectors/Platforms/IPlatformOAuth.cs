using Campaigns.Domain.Accounts;

namespace Campaigns.Connectors.Platforms;

/// <summary>
/// One platform's OAuth: the authorize page, the code exchange and the refresh. Stateless: the caller keeps the
/// state, the PKCE verifier and the tokens (encrypted), and decides when to refresh from the answer's own expiries.
/// </summary>
public interface IPlatformOAuth
{
    /// <summary>The connector type these tokens are for.</summary>
    ConnectorType Type { get; }

    /// <summary>The scopes asked for: what publishing, metrics and follower counts need.</summary>
    IReadOnlyList<string> Scopes { get; }

    /// <summary>Whether the platform takes a PKCE challenge; when true, <see cref="AuthorizeUrl"/> needs one.</summary>
    bool UsesPkce { get; }

    /// <summary>The platform's authorize page for one connect attempt.</summary>
    /// <param name="state">Unguessable, single-use; the caller binds it to agency and account.</param>
    /// <param name="redirectUri">Where the platform sends the user back with the code.</param>
    /// <param name="pkce">The attempt's PKCE pair when <see cref="UsesPkce"/>; ignored otherwise.</param>
    Uri AuthorizeUrl(string state, Uri redirectUri, Pkce? pkce);

    /// <summary>Exchanges the callback's code for tokens.</summary>
    /// <param name="code">The code the platform put on the callback.</param>
    /// <param name="redirectUri">The same redirect URI the authorize URL carried.</param>
    /// <param name="codeVerifier">The attempt's PKCE verifier when <see cref="UsesPkce"/>.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    Task<PlatformResult<TokenSet>> ExchangeCodeAsync(
        string code, Uri redirectUri, string? codeVerifier, CancellationToken cancellationToken);

    /// <summary>
    /// Renews the access token. The answer may carry a new refresh token (rotation), which replaces the old one at
    /// once: store it durably before using the new access token. A refused refresh comes back as
    /// <see cref="FailureKind.RefreshRefused"/>: the account must be connected again.
    /// </summary>
    Task<PlatformResult<TokenSet>> RefreshAsync(TokenSet current, CancellationToken cancellationToken);
}
