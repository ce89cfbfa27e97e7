namespace Campaigns.Connectors;

/// <summary>Argument checks shared by the connectors.</summary>
public static class ConnectorChecks
{
    /// <summary>Throws when a request meant for another connector reaches <paramref name="connector"/>.</summary>
    public static void RequireType(IPublishingConnector connector, ConnectorTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Type != connector.Type)
        {
            throw new ArgumentException(
                $"A {target.Type} target was sent to the {connector.Type} connector; resolve it with {nameof(ConnectorRegistry)}.",
                nameof(target));
        }
    }
}
