using Campaigns.Application.Common;
using Campaigns.Connectors.Platforms;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Domain.Outbound;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Accounts;

/// <summary>
/// Validates a connector (<c>connector.*</c>): a webhook needs a URL we may call and a secret; the sandbox and the
/// real platforms' connectors take neither (a platform is connected by OAuth instead), and a platform's connector needs
/// the operator to have configured the platform's client credentials first. Which platform a connector fits is checked
/// where the account's platform is known (<see cref="ConnectorPairingRule"/>).
/// </summary>
public sealed class ConnectorInputValidator : AbstractValidator<ConnectorInput>
{
    public ConnectorInputValidator(IOptionsMonitor<OutboundOptions> outbound, PlatformRegistry platforms)
    {
        RuleFor(c => c.Type).NotEmpty().OneOf<ConnectorInput, ConnectorType>()
            .Must(t => MissingSetting(platforms, t) is null)
            .WithMessage(c => $"The operator has not configured this platform yet: set {MissingSetting(platforms, c.Type)}.");
        When(c => c.Type == WireName<ConnectorType>.Of(ConnectorType.Webhook), () =>
        {
            RuleFor(c => c.Url).NotEmpty().HttpUrl().ReachableHost(outbound);
            RuleFor(c => c.Secret).NotEmpty().MinimumLength(AccountInputRules.MinSecretLength);
        });
        When(c => WireName<ConnectorType>.TryParse(c.Type, out var type) && type != ConnectorType.Webhook, () =>
        {
            RuleFor(c => c.Url).Null().WithMessage(c => $"The {c.Type} connector takes no URL.");
            RuleFor(c => c.Secret).Null().WithMessage(c => $"The {c.Type} connector takes no secret.");
        });
    }

    private static string? MissingSetting(PlatformRegistry platforms, string? type) =>
        WireName<ConnectorType>.TryParse(type, out var parsed) ? platforms.MissingSettingFor(parsed) : null;
}
