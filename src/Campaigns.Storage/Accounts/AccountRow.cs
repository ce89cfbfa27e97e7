namespace Campaigns.Storage.Accounts;

/// <summary>
/// One account in the query-side table: filterable columns plus the full document the API shows, and the webhook
/// secret (never in the document; vault-protected), which only <see cref="AccountStore.FindConnectorSecretAsync"/> reads
/// back.
/// </summary>
public sealed record AccountRow(
    string AgencyId,
    string Id,
    string Platform,
    string HandleKey,
    string? Brand,
    string Kind,
    string Status,
    long Followers,
    long Version,
    long CreatedAt,
    long UpdatedAt,
    string Document,
    IReadOnlyDictionary<string, double> Tags)
{
    /// <summary>The webhook connector's secret as stored (vault-protected); null for connectors without one.</summary>
    public string? ConnectorSecret { get; init; }

    /// <summary>The credential's status word (<c>not-connected</c>, <c>connected</c>, <c>needs-reauth</c>); null for the sandbox and webhook.</summary>
    public string? CredentialStatus { get; init; }
}
