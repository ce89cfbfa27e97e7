namespace Campaigns.Storage.ReadModel;

/// <summary>A filtered page of an agency's accounts, in id order after <see cref="After"/>.</summary>
public sealed record AccountQuery(
    string AgencyId,
    string? Platform,
    string? Brand,
    string? Kind,
    string? Status,
    string? Tag,
    string? After,
    int Limit);
