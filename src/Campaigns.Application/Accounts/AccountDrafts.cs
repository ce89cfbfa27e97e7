using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Accounts;

namespace Campaigns.Application.Accounts;

/// <summary>Turns a validated create request into the draft a grain (or the importer) takes.</summary>
public static class AccountDrafts
{
    public static AccountDraft From(CreateAccount command)
    {
        var handle = command.Handle!.Trim();
        return new AccountDraft(
            WireName<Platform>.Parse(command.Platform!),
            handle,
            AccountInputRules.Trimmed(command.DisplayName) ?? handle,
            AccountInputRules.Trimmed(command.Brand),
            WireName<AccountKind>.Parse(command.Kind!),
            AccountInputRules.Trimmed(command.Persona),
            AccountInputRules.ToTags(command.AudienceTags),
            command.TimeZone!,
            command.Followers,
            AccountInputRules.ToCaps(command.Caps),
            AccountInputRules.ToConnector(command.Connector));
    }
}
