using System.Text.Json.Serialization;
using Campaigns.Application.Common;
using Campaigns.Connectors.Platforms;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Domain.Outbound;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Accounts;

/// <summary>
/// Change an account (<c>PATCH /v1/accounts/{id}</c>). Omitted fields stay as they are; platform, handle and kind
/// identify the account and cannot be changed. Caps and connector are replaced whole when given.
/// </summary>
public sealed record UpdateAccount(
    string? DisplayName,
    string? Brand,
    string? Persona,
    Dictionary<string, double>? AudienceTags,
    string? TimeZone,
    CapsInput? Caps,
    ConnectorInput? Connector) : ICommand<Outcome<AccountView>>
{
    /// <summary>The calling agency; set by the gateway.</summary>
    [JsonIgnore]
    public string AgencyId { get; init; } = "";

    /// <summary>The account; set by the gateway from the route.</summary>
    [JsonIgnore]
    public string AccountId { get; init; } = "";
}

public sealed class UpdateAccountValidator : AbstractValidator<UpdateAccount>
{
    public UpdateAccountValidator(IOptionsMonitor<OutboundOptions> outbound, PlatformRegistry platforms)
    {
        AccountInputRules.DisplayName(RuleFor(c => c.DisplayName));
        AccountInputRules.Brand(RuleFor(c => c.Brand));
        RuleFor(c => c.Persona).MaximumLength(AccountInputRules.MaxPersonaLength);
        AccountInputRules.AudienceTags(RuleFor(c => c.AudienceTags));
        RuleFor(c => c.TimeZone).IanaTimeZone();
        AccountInputRules.Caps(RuleFor(c => c.Caps));
        AccountInputRules.Connector(RuleFor(c => c.Connector), outbound, platforms);
    }
}

public sealed class UpdateAccountHandler(IGrainFactory grains) : ICommandHandler<UpdateAccount, Outcome<AccountView>>
{
    public async ValueTask<Outcome<AccountView>> Handle(UpdateAccount command, CancellationToken cancellationToken)
    {
        if (AccountLookup.Grain(grains, command.AgencyId, command.AccountId) is not { } grain)
        {
            return AccountLookup.NotFound<AccountView>(command.AccountId);
        }
        if (command.Connector?.Type is { } type && await grain.Get() is { } account
            && !ConnectorPairing.Fits(WireName<ConnectorType>.Parse(type), account.Platform))
        {
            // The platform never changes, so checking it here is as good as checking it in the grain.
            return Outcome<AccountView>.Fail(ErrorKind.Invalid, ConnectorPairingRule.Refusal(type), ConnectorPairingRule.Field);
        }
        var patch = new AccountPatch(
            AccountInputRules.Trimmed(command.DisplayName),
            AccountInputRules.Trimmed(command.Brand),
            AccountInputRules.Trimmed(command.Persona),
            command.AudienceTags is null ? null : AccountInputRules.ToTags(command.AudienceTags),
            command.TimeZone,
            command.Caps is null ? null : AccountInputRules.ToCaps(command.Caps),
            command.Connector is null ? null : AccountInputRules.ToConnector(command.Connector));
        return (await grain.Update(patch)).Map(AccountView.From);
    }
}
