using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;

namespace Campaigns.Application.Accounts.Connect;

/// <summary>
/// The <c>Campaigns:Connect</c> section, plus <c>Campaigns:PublicBaseUrl</c> (set by the host): how connect attempts are
/// made and where platforms send the user back.
/// </summary>
public sealed class ConnectOptions
{
    public const string Section = "Campaigns:Connect";

    /// <summary>How long a connect attempt's authorize URL may be used (default 10 minutes; 1 second to 1 hour).</summary>
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary><c>Campaigns:PublicBaseUrl</c> without a trailing slash: the address platforms redirect the user back to.</summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>The callback a platform's authorize page sends the user back to: <c>{PublicBaseUrl}/v1/oauth/{type}/callback</c>.</summary>
    public Uri RedirectUri(ConnectorType type) => new($"{PublicBaseUrl.TrimEnd('/')}/v1/oauth/{WireName<ConnectorType>.Of(type)}/callback");

    /// <summary>Why these settings are invalid, or null when they are fine.</summary>
    public string? Problem() =>
        StateLifetime < TimeSpan.FromSeconds(1) || StateLifetime > TimeSpan.FromHours(1)
            ? $"{Section}:StateLifetime must be between 00:00:01 and 01:00:00."
            : !Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out _) ? "Campaigns:PublicBaseUrl must be an absolute URL."
            : null;
}
