using Campaigns.Application.Common;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Domain.Outbound;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Accounts;

/// <summary>
/// Validates a connector (<c>connector.*</c>): a webhook needs a URL we may call and a secret; the sandbox takes
/// neither.
/// </summary>
public sealed class ConnectorInputValidator : AbstractValidator<ConnectorInput>
{
    public ConnectorInputValidator(IOptionsMonitor<OutboundOptions> outbound)
    {
        RuleFor(c => c.Type).NotEmpty().OneOf<ConnectorInput, ConnectorType>()
            // The platform connectors exist, but accounts cannot use them until OAuth connect and the credential vault
            // are wired in; until then an account on one would hold a connector nothing can publish through.
            .Must(t => !WireName<ConnectorType>.TryParse(t, out var type) || !ConnectorPairing.IsPlatformConnector(type))
            .WithMessage("This connector is not available yet; use sandbox or webhook.");
        When(c => c.Type == WireName<ConnectorType>.Of(ConnectorType.Webhook), () =>
        {
            RuleFor(c => c.Url).NotEmpty().HttpUrl().ReachableHost(outbound);
            RuleFor(c => c.Secret).NotEmpty().MinimumLength(AccountInputRules.MinSecretLength);
        });
        When(c => c.Type == WireName<ConnectorType>.Of(ConnectorType.Sandbox), () =>
        {
            RuleFor(c => c.Url).Null().WithMessage("The sandbox connector takes no URL.");
            RuleFor(c => c.Secret).Null().WithMessage("The sandbox connector takes no secret.");
        });
    }
}
