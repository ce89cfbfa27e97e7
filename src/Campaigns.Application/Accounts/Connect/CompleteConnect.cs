using Campaigns.Application.Common;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Storage.Connect;
using Campaigns.Storage.Vault;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Accounts.Connect;

/// <summary>
/// A platform's OAuth callback (<c>GET /v1/oauth/{type}/callback?code=&amp;state=</c>, or <c>?error=&amp;state=</c> when
/// the user declined). No API key: the state is the proof.
/// </summary>
public sealed record CompleteConnect(string Type, string? Code, string? State, string? Error) : ICommand<Outcome<ConnectResultView>>;

/// <summary>How a callback ended: connected, or declined on the platform's page (with the platform's error code).</summary>
public sealed record ConnectResultView(string AccountId, string Connector, bool Connected, string? Declined);

public sealed class CompleteConnectValidator : AbstractValidator<CompleteConnect>
{
    /// <summary>Longer values are no state or code we issued or a platform sends.</summary>
    public const int MaxLength = 2048;

    public CompleteConnectValidator()
    {
        RuleFor(c => c.Type).Must(t => WireName<ConnectorType>.TryParse(t, out var type) && ConnectorPairing.IsPlatformConnector(type))
            .WithMessage("Must be one of: tiktok, youtube, instagram, douyin, kuaishou.");
        RuleFor(c => c.State).NotEmpty().MaximumLength(MaxLength);
        RuleFor(c => c.Code).NotEmpty().WithMessage("The platform sent neither a code nor an error.")
            .MaximumLength(MaxLength).When(c => c.Error is null);
        RuleFor(c => c.Error).MaximumLength(MaxLength);
    }
}

/// <summary>
/// Burns the state first — one conditional UPDATE, so a replay or a concurrent second use finds nothing and changes
/// nothing — then either records nothing (the user declined) or has the account grain exchange the code with the same
/// redirect URI and PKCE verifier and keep the tokens. A burned state cannot be retried: the user connects again.
/// </summary>
public sealed class CompleteConnectHandler(
    IGrainFactory grains, OAuthStateStore states, AccountSecrets secrets, IOptions<ConnectOptions> options, TimeProvider clock,
    ILogger<CompleteConnectHandler> logger)
    : ICommandHandler<CompleteConnect, Outcome<ConnectResultView>>
{
    public async ValueTask<Outcome<ConnectResultView>> Handle(CompleteConnect command, CancellationToken cancellationToken)
    {
        var type = WireName<ConnectorType>.Parse(command.Type);
        var burned = await states.BurnAsync(command.State!, command.Type, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        if (burned is null)
        {
            return Outcome<ConnectResultView>.Fail(ErrorKind.Invalid,
                "This connect link is unknown, was already used or has expired; nothing was stored. Start again with POST /v1/accounts/{id}/connect.", "state");
        }
        if (command.Error is { } declined)
        {
            logger.LogInformation("Connecting account {AccountId} to {Platform} was declined on the platform: {Error}", burned.AccountId, type, declined);
            return Outcome<ConnectResultView>.Ok(new ConnectResultView(burned.AccountId, command.Type, false, declined));
        }
        var grant = new CredentialGrant(type, command.Code!, options.Value.RedirectUri(type),
            secrets.Reveal(burned.AgencyId, burned.AccountId, burned.CodeVerifier));
        var outcome = await grains.GetGrain<IAccountGrain>(GrainKeys.For(burned.AgencyId, burned.AccountId)).Connect(grant);
        return outcome.Map(_ => new ConnectResultView(burned.AccountId, command.Type, true, null));
    }
}
