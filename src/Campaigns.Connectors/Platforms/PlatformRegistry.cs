using System.Collections.Frozen;
using Campaigns.Domain.Accounts;

namespace Campaigns.Connectors.Platforms;

/// <summary>Finds the connector, the OAuth and the settings of a real platform's <see cref="ConnectorType"/>.</summary>
public sealed class PlatformRegistry
{
    private readonly FrozenDictionary<ConnectorType, IPlatformConnector> _connectors;
    private readonly FrozenDictionary<ConnectorType, IPlatformOAuth> _oauth;
    private readonly FrozenDictionary<ConnectorType, Func<PlatformOptions>> _settings;

    /// <summary>Indexes the registered adapters by type.</summary>
    public PlatformRegistry(
        IEnumerable<IPlatformConnector> connectors, IEnumerable<IPlatformOAuth> oauth, IEnumerable<PlatformSettingsEntry> settings)
    {
        _connectors = connectors.ToFrozenDictionary(c => c.Type);
        _oauth = oauth.ToFrozenDictionary(o => o.Type);
        _settings = settings.ToFrozenDictionary(s => s.Type, s => s.Current);
    }

    /// <summary>The types with a connector.</summary>
    public IReadOnlyCollection<ConnectorType> Types => _connectors.Keys;

    /// <summary>The connector of a type, if it is a real platform's.</summary>
    public bool TryGet(ConnectorType type, out IPlatformConnector connector) => _connectors.TryGetValue(type, out connector!);

    /// <summary>The connector of a real platform's type.</summary>
    public IPlatformConnector Connector(ConnectorType type) =>
        _connectors.TryGetValue(type, out var connector) ? connector : throw new KeyNotFoundException($"{type} is not a platform connector.");

    /// <summary>The OAuth of a real platform's type.</summary>
    public IPlatformOAuth OAuth(ConnectorType type) =>
        _oauth.TryGetValue(type, out var oauth) ? oauth : throw new KeyNotFoundException($"{type} has no OAuth.");

    /// <summary>The current settings of a real platform's type.</summary>
    public PlatformOptions Settings(ConnectorType type) =>
        _settings.TryGetValue(type, out var current) ? current() : throw new KeyNotFoundException($"{type} has no platform settings.");

    /// <summary>
    /// The setting an operator must provide before accounts of this type can connect (e.g.
    /// <c>Campaigns:Platforms:TikTok:ClientKey</c>), or null when it is configured or needs no settings.
    /// </summary>
    public string? MissingSettingFor(ConnectorType type) =>
        _settings.TryGetValue(type, out var current) ? current().MissingSetting() : null;
}

/// <summary>Ties a connector type to its live settings.</summary>
public sealed record PlatformSettingsEntry(ConnectorType Type, Func<PlatformOptions> Current);
