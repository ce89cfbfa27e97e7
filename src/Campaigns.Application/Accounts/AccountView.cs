using System.Globalization;
using System.Text.Json.Serialization;
using Campaigns.Application.Reports;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Accounts;

namespace Campaigns.Application.Accounts;

/// <summary>Quiet hours as the API shows them.</summary>
public sealed record QuietHoursView(string From, string To);

/// <summary>Posting caps as the API shows them.</summary>
public sealed record CapsView(int MaxPostsPerDay, int MinGapMinutes, QuietHoursView? QuietHours);

/// <summary>A connector as the API shows it (never the secret).</summary>
public sealed record ConnectorView(string Type, string? Url);

/// <summary>
/// An account's platform credential as the API shows it — never a token. <c>status</c> is not-connected, connected or
/// needs-reauth; <c>expiresAt</c> is the access token's expiry as the platform stated it; <c>refreshedAt</c> when the
/// tokens were last obtained (connect or refresh); <c>lastError</c> the platform's code and reason for the last refusal.
/// </summary>
public sealed record CredentialView(string Status, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt, DateTimeOffset? RefreshedAt, string? LastError)
{
    /// <summary>The view of a grain's credential; null for the sandbox and webhook connectors, which have none.</summary>
    public static CredentialView? From(AccountCredential? credential) => credential is null
        ? null
        : new(WireName<CredentialStatus>.Of(credential.Status), credential.Scopes, credential.ExpiresAt, credential.RefreshedAt, credential.LastError);
}

/// <summary>
/// An account as the API shows it. <see cref="Credential"/> is null for the sandbox and webhook connectors, which hold
/// none. <c>GET /v1/accounts/{id}</c> adds <see cref="CreditBalance"/>, its settled exchange
/// credit balance read from the ledger (null elsewhere), and its <see cref="Stats"/> (left out elsewhere).
/// </summary>
public sealed record AccountView(
    string Id,
    string Platform,
    string Handle,
    string DisplayName,
    string? Brand,
    string Kind,
    string? Persona,
    IReadOnlyDictionary<string, double> AudienceTags,
    string TimeZone,
    long Followers,
    DateTimeOffset? FollowersAt,
    CapsView Caps,
    ConnectorView Connector,
    CredentialView? Credential,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long? CreditBalance = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EngagementStatsView? Stats = null)
{
    /// <summary>The view of a grain snapshot.</summary>
    public static AccountView From(AccountSnapshot a) => new(
        a.Id,
        WireName<Platform>.Of(a.Platform),
        a.Handle,
        a.DisplayName,
        a.Brand,
        WireName<AccountKind>.Of(a.Kind),
        a.Persona,
        a.AudienceTags,
        a.TimeZone,
        a.Followers,
        a.FollowersAt,
        new CapsView(
            a.Caps.MaxPostsPerDay,
            a.Caps.MinGapMinutes,
            a.Caps.QuietFrom is { } from && a.Caps.QuietTo is { } to
                ? new QuietHoursView(from.ToString("HH:mm", CultureInfo.InvariantCulture), to.ToString("HH:mm", CultureInfo.InvariantCulture))
                : null),
        new ConnectorView(WireName<ConnectorType>.Of(a.Connector.Type), a.Connector.Url),
        CredentialView.From(a.Credential),
        WireName<AccountStatus>.Of(a.Status),
        a.CreatedAt,
        a.UpdatedAt);
}
