using Campaigns.Connectors.Platforms;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Microsoft.Extensions.Logging;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// An account's platform tokens, decrypted only in memory: hands out the access token, renews it ahead of its expiry
/// (<see cref="TokenRefreshTiming"/>) or when the platform calls it invalid, one renewal at a time — callers arriving
/// meanwhile wait for it and share its result — and never hands out a token before it is durable. A refresh the
/// platform refuses leaves the account <c>needs-reauth</c>. The grain's <c>ICredentialSource</c> for publish runs.
/// </summary>
internal sealed class CredentialKeeper(
    ICredentialHolder account, string accountId, PlatformRegistry platforms, TimeProvider clock, ILogger logger) : ICredentialSource
{
    /// <summary>
    /// Tokens the platform issued whose write failed. The platform may already have retired the refresh token they
    /// replace, so they are kept here and written before anything else is done with the credential.
    /// </summary>
    private (TokenSet Tokens, AccountCredential Credential)? _unsaved;

    /// <summary>Exchanges a callback's code for tokens and stores them; the account must still be on the grant's connector.</summary>
    public async Task<Outcome<AccountCredential>> ConnectAsync(CredentialGrant grant, CancellationToken cancellationToken)
    {
        if (account.ConnectorType != grant.Type)
        {
            return Moved(grant.Type);
        }
        var exchanged = await platforms.OAuth(grant.Type).ExchangeCodeAsync(grant.Code, grant.RedirectUri, grant.CodeVerifier, cancellationToken);
        if (exchanged.Failure is { } failure)
        {
            logger.LogWarning("{Platform} did not exchange the code for account {AccountId}: {Kind} {Code}", grant.Type, accountId, failure.Kind, failure.Code);
            return failure.Kind is FailureKind.Transient or FailureKind.RateLimited
                ? Outcome<AccountCredential>.Fail(ErrorKind.Unprocessable, $"{Name(grant.Type)} could not be reached to complete the connection ({failure.Code}); connect again.")
                : Outcome<AccountCredential>.Fail(ErrorKind.Invalid, $"{Name(grant.Type)} refused the authorization code ({failure.Code}: {failure.Message}); connect again.", "code");
        }
        await account.Writes.WaitAsync(cancellationToken);
        try
        {
            if (account.ConnectorType != grant.Type)
            {
                return Moved(grant.Type);
            }
            var tokens = exchanged.Value!;
            var credential = Connected(tokens);
            _unsaved = null; // the new connection replaces whatever an earlier storage fault left pending
            await account.SaveCredentialAsync(tokens, credential);
            logger.LogInformation("Account {AccountId} connected to {Platform}; access expires {ExpiresAt}", accountId, grant.Type, tokens.AccessExpiresAt);
            return Outcome<AccountCredential>.Ok(credential);
        }
        finally
        {
            account.Writes.Release();
        }
    }

    /// <summary>The credential to use now, renewed first when it is due; or why there is none.</summary>
    public async Task<CredentialResult> GetAsync(CancellationToken cancellationToken)
    {
        if (_unsaved is null && Unavailable() is null && account.Tokens is { } tokens && !IsDue(tokens))
        {
            return Handout(tokens);
        }
        return await ExclusiveAsync(stale: null, cancellationToken);
    }

    /// <summary>A credential newer than the one whose access token is <paramref name="staleAccessToken"/>, renewing it if nobody has yet.</summary>
    public Task<CredentialResult> RefreshAsync(string staleAccessToken, CancellationToken cancellationToken) =>
        ExclusiveAsync(staleAccessToken, cancellationToken);

    /// <summary>
    /// Renews an idle account's tokens before they lapse, publishing or not: the refresh token when it expires within its
    /// platform's <c>RenewIdleWithin</c>, or — where there is none (Instagram refreshes the long-lived token itself) —
    /// the access token. True when renewed; a refused renewal leaves the account needs-reauth, as on any renewal.
    /// </summary>
    public async Task<bool> KeepAliveAsync(CancellationToken cancellationToken)
    {
        if (account.ConnectorType is not { } type || !platforms.TryGet(type, out _) || Unavailable() is not null || account.Tokens is not { } tokens)
        {
            return false;
        }
        var within = platforms.Settings(type).RenewIdleWithin;
        var lapsesAt = tokens.RefreshToken is null ? tokens.AccessExpiresAt : tokens.RefreshExpiresAt;
        if (lapsesAt is not { } at || at - within > clock.GetUtcNow())
        {
            return false;
        }
        var renewed = await RefreshAsync(tokens.AccessToken, cancellationToken);
        return renewed.Credential is not null;
    }

    /// <summary>Drops tokens held back by a storage fault: the account's connector changed, so they belong to nothing.</summary>
    public void Forget() => _unsaved = null;

    async ValueTask<PlatformCredential> ICredentialSource.CurrentAsync(CancellationToken cancellationToken)
    {
        var result = await GetAsync(cancellationToken);
        return result.Credential is { } credential
            ? new PlatformCredential(credential.AccessToken, credential.UserId)
            : throw new CredentialUnavailableException(result.Failure!);
    }

    async ValueTask<PlatformResult<PlatformCredential>> ICredentialSource.RefreshAsync(PlatformCredential stale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stale);
        var result = await RefreshAsync(stale.AccessToken, cancellationToken);
        if (result.Credential is { } credential)
        {
            return PlatformResult<PlatformCredential>.Success(new PlatformCredential(credential.AccessToken, credential.UserId));
        }
        var failure = result.Failure!;
        var kind = failure.Kind switch
        {
            CredentialFailureKind.NotConnected or CredentialFailureKind.NeedsReauth => FailureKind.RefreshRefused,
            CredentialFailureKind.RateLimited => FailureKind.RateLimited,
            _ => FailureKind.Transient,
        };
        return PlatformResult<PlatformCredential>.Fail(new PlatformFailure(kind, failure.Code, failure.Message, failure.RetryAfter));
    }

    /// <summary>
    /// One caller at a time: whoever waited finds the tokens another caller renewed and takes them (the single flight);
    /// otherwise renews. With <paramref name="stale"/> null only a due token is renewed.
    /// </summary>
    private async Task<CredentialResult> ExclusiveAsync(string? stale, CancellationToken cancellationToken)
    {
        await account.Writes.WaitAsync(cancellationToken);
        try
        {
            if (_unsaved is { } pending)
            {
                if (!await TrySaveAsync(pending.Tokens, pending.Credential))
                {
                    return Unstored();
                }
                _unsaved = null;
            }
            if (Unavailable() is { } unavailable)
            {
                return new CredentialResult(null, unavailable);
            }
            var tokens = account.Tokens!;
            var renewedMeanwhile = stale is null ? !IsDue(tokens) : tokens.AccessToken != stale;
            return renewedMeanwhile ? Handout(tokens) : await RenewAsync(tokens, ahead: stale is null, cancellationToken);
        }
        finally
        {
            account.Writes.Release();
        }
    }

    private async Task<CredentialResult> RenewAsync(TokenSet tokens, bool ahead, CancellationToken cancellationToken)
    {
        var type = account.ConnectorType!.Value;
        var answer = await platforms.OAuth(type).RefreshAsync(tokens, cancellationToken);
        if (answer.Value is { } renewed)
        {
            var fresh = Merge(tokens, renewed);
            var credential = Connected(fresh);
            // Rotation: the old refresh token may be dead now. Durable first, handed out after.
            _unsaved = (fresh, credential);
            if (!await TrySaveAsync(fresh, credential))
            {
                return Unstored();
            }
            _unsaved = null;
            logger.LogInformation("Account {AccountId} renewed its {Platform} access; it expires {ExpiresAt}", accountId, type, fresh.AccessExpiresAt);
            return Handout(fresh);
        }
        var failure = answer.Failure!;
        if (failure.Kind == FailureKind.RefreshRefused)
        {
            logger.LogWarning("{Platform} refused to renew the access of account {AccountId}: {Code}; it needs to connect again", type, accountId, failure.Code);
            var refused = account.Credential! with { Status = CredentialStatus.NeedsReauth, LastError = $"{failure.Code}: {failure.Message}" };
            await TrySaveAsync(null, refused);
            return Fail(CredentialFailureKind.NeedsReauth, failure);
        }
        logger.LogWarning("Could not renew the {Platform} access of account {AccountId}: {Kind} {Code}", type, accountId, failure.Kind, failure.Code);
        // Renewing ahead of expiry can wait: the token in hand still works.
        if (ahead && tokens.AccessExpiresAt is { } expires && expires > clock.GetUtcNow())
        {
            return Handout(tokens);
        }
        return Fail(failure.Kind == FailureKind.RateLimited ? CredentialFailureKind.RateLimited : CredentialFailureKind.Transient, failure);
    }

    /// <summary>Why the account has no usable tokens, or null when it has.</summary>
    private CredentialFailure? Unavailable() => account.ConnectorType switch
    {
        null => new(CredentialFailureKind.NotConnected, "no_account", "The account does not exist."),
        { } type when !ConnectorPairing.IsPlatformConnector(type) =>
            new(CredentialFailureKind.NotConnected, "no_credential", $"The {WireName<ConnectorType>.Of(type)} connector holds no platform credential."),
        _ when account.Credential is { Status: CredentialStatus.NeedsReauth } credential =>
            new(CredentialFailureKind.NeedsReauth, "needs_reauth", $"Connect the account again ({credential.LastError})."),
        _ when account.Credential is not { Status: CredentialStatus.Connected } || account.Tokens is null =>
            new(CredentialFailureKind.NotConnected, "not_connected", "The account is not connected: POST /v1/accounts/{id}/connect."),
        _ => null,
    };

    private async Task<bool> TrySaveAsync(TokenSet? tokens, AccountCredential credential)
    {
        try
        {
            await account.SaveCredentialAsync(tokens, credential);
            return true;
        }
        catch (StorageUnavailableException ex)
        {
            logger.LogWarning("Could not store the credential of account {AccountId}: {Reason}", accountId, ex.Message);
            return false;
        }
    }

    private bool IsDue(TokenSet tokens)
    {
        var now = clock.GetUtcNow();
        return TokenRefreshTiming.IsDue(account.Credential?.RefreshedAt ?? now, tokens.AccessExpiresAt, now);
    }

    private AccountCredential Connected(TokenSet tokens) =>
        new(CredentialStatus.Connected, [.. tokens.Scopes], tokens.AccessExpiresAt, clock.GetUtcNow(), null);

    /// <summary>A refresh answer may leave out what did not change (the refresh token, scopes, the user).</summary>
    private static TokenSet Merge(TokenSet old, TokenSet renewed) => renewed with
    {
        RefreshToken = renewed.RefreshToken ?? old.RefreshToken,
        RefreshExpiresAt = renewed.RefreshToken is null ? renewed.RefreshExpiresAt ?? old.RefreshExpiresAt : renewed.RefreshExpiresAt,
        Scopes = renewed.Scopes.Count > 0 ? renewed.Scopes : old.Scopes,
        UserId = renewed.UserId ?? old.UserId,
    };

    private static CredentialResult Handout(TokenSet tokens) => new(new AccessCredential(tokens.AccessToken, tokens.UserId), null);

    private static CredentialResult Unstored() => new(null, new(CredentialFailureKind.Transient, "storage_unavailable",
        "The renewed credential could not be stored yet; it is kept and stored before the next use."));

    private static CredentialResult Fail(CredentialFailureKind kind, PlatformFailure failure) =>
        new(null, new CredentialFailure(kind, failure.Code, failure.Message, failure.RetryAfter));

    private static Outcome<AccountCredential> Moved(ConnectorType type) => Outcome<AccountCredential>.Fail(
        ErrorKind.Conflict, $"The account no longer uses the {WireName<ConnectorType>.Of(type)} connector; nothing was stored.");

    private static string Name(ConnectorType type) => WireName<ConnectorType>.Of(type);
}
