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

/// <summary>Add an account to the calling agency's matrix (<c>POST /v1/accounts</c>).</summary>
public sealed record CreateAccount(
    string? Platform,
    string? Handle,
    string? DisplayName,
    string? Brand,
    string? Kind,
    string? Persona,
    Dictionary<string, double>? AudienceTags,
    string? TimeZone,
    long? Followers,
    CapsInput? Caps,
    ConnectorInput? Connector) : ICommand<Outcome<AccountView>>
{
    /// <summary>The calling agency; set by the gateway, never read from the body.</summary>
    [JsonIgnore]
    public string AgencyId { get; init; } = "";
}

public sealed class CreateAccountValidator : AbstractValidator<CreateAccount>
{
    public CreateAccountValidator(IOptionsMonitor<OutboundOptions> outbound, PlatformRegistry platforms)
    {
        RuleFor(c => c.Platform).NotEmpty().OneOf<CreateAccount, Platform>();
        RuleFor(c => c.Handle).NotEmpty().MaximumLength(AccountInputRules.MaxHandleLength)
            .Matches(@"^[\p{L}\p{N}_.\-]+$").WithMessage("May contain letters, digits, '_', '.' and '-' only.");
        AccountInputRules.DisplayName(RuleFor(c => c.DisplayName));
        AccountInputRules.Brand(RuleFor(c => c.Brand));
        RuleFor(c => c.Kind).NotEmpty().OneOf<CreateAccount, AccountKind>();
        RuleFor(c => c.Persona).MaximumLength(AccountInputRules.MaxPersonaLength);
        AccountInputRules.AudienceTags(RuleFor(c => c.AudienceTags));
        RuleFor(c => c.TimeZone).NotEmpty().IanaTimeZone();
        RuleFor(c => c.Followers).InclusiveBetween(0, AccountInputRules.MaxFollowers);
        AccountInputRules.Caps(RuleFor(c => c.Caps));
        AccountInputRules.Connector(RuleFor(c => c.Connector), outbound, platforms);
        RuleFor(c => c.Connector!.Type).Must((c, type) => ConnectorPairingRule.Fits(type, c.Platform))
            .WithMessage((_, type) => ConnectorPairingRule.Refusal(type!))
            .OverridePropertyName(ConnectorPairingRule.Field)
            .When(c => c.Connector is not null);
    }
}

public sealed class CreateAccountHandler(IGrainFactory grains, TimeProvider clock) : ICommandHandler<CreateAccount, Outcome<AccountView>>
{
    public async ValueTask<Outcome<AccountView>> Handle(CreateAccount command, CancellationToken cancellationToken)
    {
        var id = Ids.New("acc", clock);
        var draft = AccountDrafts.From(command);
        var outcome = await grains.Of<IAccountCreationGrain>(command.AgencyId).Create(id, draft);
        return outcome.Map(AccountView.From);
    }
}
