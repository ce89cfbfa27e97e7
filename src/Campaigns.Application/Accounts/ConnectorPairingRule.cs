using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;

namespace Campaigns.Application.Accounts;

/// <summary>The API's words for <see cref="ConnectorPairing"/>: which connector an account on a platform may use.</summary>
public static class ConnectorPairingRule
{
    /// <summary>The field a wrong pairing is reported on.</summary>
    public const string Field = "connector.type";

    /// <summary>True when either word is unknown (reported by its own rule) or the connector fits the platform.</summary>
    public static bool Fits(string? connectorType, string? platform) =>
        !WireName<ConnectorType>.TryParse(connectorType, out var type)
        || !WireName<Platform>.TryParse(platform, out var on)
        || ConnectorPairing.Fits(type, on);

    /// <summary>Why a connector does not fit a platform.</summary>
    public static string Refusal(ConnectorType type) =>
        $"The {WireName<ConnectorType>.Of(type)} connector publishes only to {WireName<Platform>.Of(ConnectorPairing.PlatformFor(type)!.Value)} accounts.";

    /// <summary><see cref="Refusal(ConnectorType)"/> for a word already known to parse.</summary>
    public static string Refusal(string connectorType) => Refusal(WireName<ConnectorType>.Parse(connectorType));
}
