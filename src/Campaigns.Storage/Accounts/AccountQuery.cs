namespace Campaigns.Storage.Accounts;

/// <summary>
/// A filtered page of an agency's accounts, in id order after <see cref="After"/>. <see cref="Credential"/> is a credential
/// status word.
/// </summary>
public sealed record AccountQuery(
    string AgencyId,
    string? Platform,
    string? Brand,
    string? Kind,
    string? Status,
    string? Tag,
    string? Credential,
    string? After,
    int Limit);
