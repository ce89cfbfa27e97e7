using Campaigns.Connectors.Platforms;

namespace Campaigns.Connectors.Tests.Platforms;

/// <summary>
/// The account grain's part of the contract, in memory: hands out the current credential and refreshes through the
/// platform's OAuth, keeping a rotated refresh token in place of the old one.
/// </summary>
internal sealed class TestCredentials(IPlatformOAuth oauth, TokenSet initial) : ICredentialSource
{
    public TokenSet Tokens { get; private set; } = initial;

    /// <summary>Every token set held, oldest first.</summary>
    public List<TokenSet> History { get; } = [initial];

    public ValueTask<PlatformCredential> CurrentAsync(CancellationToken cancellationToken) => ValueTask.FromResult(PlatformCredential.From(Tokens));

    public async ValueTask<PlatformResult<PlatformCredential>> RefreshAsync(PlatformCredential stale, CancellationToken cancellationToken)
    {
        if (stale.AccessToken != Tokens.AccessToken)
        {
            return PlatformResult<PlatformCredential>.Success(PlatformCredential.From(Tokens));
        }
        var refreshed = await oauth.RefreshAsync(Tokens, cancellationToken);
        if (!refreshed.Ok)
        {
            return PlatformResult<PlatformCredential>.Fail(refreshed.Failure!);
        }
        Tokens = refreshed.Value! with { RefreshToken = refreshed.Value!.RefreshToken ?? Tokens.RefreshToken };
        History.Add(Tokens);
        return PlatformResult<PlatformCredential>.Success(PlatformCredential.From(Tokens));
    }
}
