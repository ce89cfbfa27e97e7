using System.Buffers.Text;
using System.Security.Cryptography;
using Campaigns.Connectors.Platforms;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Storage.Connect;
using Campaigns.Storage.Vault;
using Mediator;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Accounts.Connect;

/// <summary>Start connecting an account to its platform (<c>POST /v1/accounts/{id}/connect</c>).</summary>
public sealed record ConnectAccount(string AgencyId, string AccountId) : ICommand<Outcome<ConnectView>>;

/// <summary>Where to send the user (the platform's authorize page) and until when that link works.</summary>
public sealed record ConnectView(string AuthorizeUrl, DateTimeOffset ExpiresAt);

/// <summary>
/// Makes a connect attempt: an unguessable state (256 random bits) bound to agency, account and connector type, kept
/// as a hash with the PKCE verifier (vault-protected) where the platform takes PKCE, and the platform's authorize URL
/// carrying it. Nothing about the account changes until the callback comes back.
/// </summary>
public sealed class ConnectAccountHandler(
    IGrainFactory grains, PlatformRegistry platforms, OAuthStateStore states, AccountSecrets secrets, IOptions<ConnectOptions> options, TimeProvider clock)
    : ICommandHandler<ConnectAccount, Outcome<ConnectView>>
{
    /// <summary>Random bytes in a state: 256 bits, far beyond guessing within its lifetime.</summary>
    private const int StateBytes = 32;

    public async ValueTask<Outcome<ConnectView>> Handle(ConnectAccount command, CancellationToken cancellationToken)
    {
        var grain = AccountLookup.Grain(grains, command.AgencyId, command.AccountId);
        if (grain is null || await grain.Get() is not { } account)
        {
            return AccountLookup.NotFound<ConnectView>(command.AccountId);
        }
        var type = account.Connector.Type;
        if (!ConnectorPairing.IsPlatformConnector(type))
        {
            return Outcome<ConnectView>.Fail(ErrorKind.Invalid,
                $"The {WireName<ConnectorType>.Of(type)} connector is not connected by OAuth; only accounts on the tiktok, youtube, instagram, douyin or kuaishou connector are.",
                ConnectorPairingRule.Field);
        }
        if (account.Status == AccountStatus.Suspended)
        {
            return Outcome<ConnectView>.Fail(ErrorKind.Conflict, "The account is suspended; resume it before connecting it.");
        }
        if (platforms.MissingSettingFor(type) is { } missing)
        {
            return Outcome<ConnectView>.Fail(ErrorKind.Invalid, $"The operator has not configured this platform yet: set {missing}.", ConnectorPairingRule.Field);
        }

        var oauth = platforms.OAuth(type);
        var state = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(StateBytes));
        var pkce = oauth.UsesPkce ? Pkce.Create() : null;
        var now = clock.GetUtcNow();
        var expiresAt = now + options.Value.StateLifetime;
        await states.AddAsync(new OAuthAttempt(
            OAuthStateStore.Hash(state), command.AgencyId, account.Id, WireName<ConnectorType>.Of(type),
            secrets.Protect(command.AgencyId, account.Id, pkce?.Verifier), now.ToUnixTimeMilliseconds(), expiresAt.ToUnixTimeMilliseconds()), cancellationToken);
        var url = oauth.AuthorizeUrl(state, options.Value.RedirectUri(type), pkce);
        return Outcome<ConnectView>.Ok(new ConnectView(url.AbsoluteUri, expiresAt));
    }
}
