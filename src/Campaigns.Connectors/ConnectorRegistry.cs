using System.Collections.Frozen;
using Campaigns.Domain.Accounts;

namespace Campaigns.Connectors;

/// <summary>Finds the connector that publishes for a <see cref="ConnectorType"/>.</summary>
public sealed class ConnectorRegistry
{
    private readonly FrozenDictionary<ConnectorType, IPublishingConnector> _byType;

    /// <summary>Indexes <paramref name="connectors"/> by type.</summary>
    /// <exception cref="ArgumentException">Two connectors claim the same type.</exception>
    public ConnectorRegistry(IEnumerable<IPublishingConnector> connectors)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        var byType = new Dictionary<ConnectorType, IPublishingConnector>();
        foreach (var connector in connectors)
        {
            if (!byType.TryAdd(connector.Type, connector))
            {
                throw new ArgumentException($"More than one connector is registered for {connector.Type}.", nameof(connectors));
            }
        }
        _byType = byType.ToFrozenDictionary();
    }

    /// <summary>The types that have a connector.</summary>
    public IReadOnlyCollection<ConnectorType> Types => _byType.Keys;

    /// <summary>The connector for <paramref name="type"/>.</summary>
    /// <exception cref="KeyNotFoundException">No connector is registered for the type.</exception>
    public IPublishingConnector Get(ConnectorType type) =>
        _byType.TryGetValue(type, out var connector)
            ? connector
            : throw new KeyNotFoundException($"No connector is registered for {type}.");

    /// <summary>The connector for <paramref name="type"/>, if one is registered.</summary>
    public bool TryGet(ConnectorType type, out IPublishingConnector connector) =>
        _byType.TryGetValue(type, out connector!);

    /// <summary>The connector named by a target.</summary>
    public IPublishingConnector For(ConnectorTarget target) => Get((target ?? throw new ArgumentNullException(nameof(target))).Type);
}
