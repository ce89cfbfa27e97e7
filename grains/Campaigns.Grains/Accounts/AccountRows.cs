using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Storage.Accounts;

namespace Campaigns.Grains.Accounts;

/// <summary>The read-model row of an account snapshot, shared by the account grain and the importer.</summary>
public static class AccountRows
{
    public static AccountRow From(AccountSnapshot account) => new(
        account.AgencyId,
        account.Id,
        AccountDocument.PlatformWord(account.Platform),
        AccountDocument.HandleKey(account.Handle),
        account.Brand,
        WireName<AccountKind>.Of(account.Kind),
        WireName<AccountStatus>.Of(account.Status),
        account.Followers,
        account.Version,
        account.CreatedAt.ToUnixTimeMilliseconds(),
        account.UpdatedAt.ToUnixTimeMilliseconds(),
        AccountDocument.Serialize(account),
        account.AudienceTags)
    {
        CredentialStatus = account.Credential is { } credential ? WireName<CredentialStatus>.Of(credential.Status) : null,
    };

    /// <summary>A new account's first snapshot, as creation and import both make it.</summary>
    public static AccountSnapshot New(string agencyId, string id, AccountDraft draft, DateTimeOffset now) => new(
        id, agencyId, draft.Platform, draft.Handle.Trim(), draft.DisplayName, draft.Brand, draft.Kind, draft.Persona,
        draft.AudienceTags, draft.TimeZone, draft.Followers ?? 0, draft.Caps, draft.Connector.Redacted(),
        AccountStatus.Active, now, now, Version: 1, FollowersAt: draft.Followers is null ? null : now,
        Credential: AccountCredential.InitialFor(draft.Connector.Type));
}
