namespace Campaigns.Connectors.Outbound;

/// <summary>
/// A call was not made because its host is, or resolves to, an address outbound calls may not reach. Its message
/// is safe to show the agency that configured the URL: it names their host and the kind of address, never the
/// address a name resolved to.
/// </summary>
public sealed class OutboundRefusedException : Exception
{
    public OutboundRefusedException()
    {
    }

    public OutboundRefusedException(string message) : base(message)
    {
    }

    public OutboundRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The host as the URL gave it.</summary>
    public string Host { get; private init; } = "";

    /// <summary>What kind of address it is, e.g. <c>loopback</c> or <c>private (IPv4-mapped)</c>.</summary>
    public string Kind { get; private init; } = "";

    /// <summary>The host is itself a refused address (or <c>localhost</c>).</summary>
    public static OutboundRefusedException Literal(string host, string kind) =>
        new($"refused: {host} is a {kind} address") { Host = host, Kind = kind };

    /// <summary>The host is a name that resolves to a refused address.</summary>
    public static OutboundRefusedException Resolved(string host, string kind) =>
        new($"refused: {host} resolves to a private address ({kind})") { Host = host, Kind = kind };
}
