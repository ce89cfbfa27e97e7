using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Campaigns.Gateway.Limits;

/// <summary>
/// The <c>Campaigns:Gateway</c> section: the reverse proxies whose <c>X-Forwarded-For</c> is believed. Without any,
/// the header is ignored and the client address is the connection's peer, so nobody can pick the address a
/// request is counted against. Each setting is a comma-separated list.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Campaigns:Gateway";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5,10.0.0.6</c>.</summary>
    public string KnownProxies { get; set; } = "";

    /// <summary>Networks of trusted proxies in CIDR form, e.g. <c>10.0.0.0/8,fd00::/8</c>.</summary>
    public string KnownNetworks { get; set; } = "";

    /// <summary>True when any proxy is configured, i.e. when forwarded headers are read at all.</summary>
    public bool Any => Split(KnownProxies).Any() || Split(KnownNetworks).Any();

    /// <summary>Why these settings are invalid, or null when they are fine.</summary>
    public string? Problem() =>
        Split(KnownProxies).FirstOrDefault(p => !IPAddress.TryParse(p, out _)) is { } proxy
            ? $"{Section}:KnownProxies: '{proxy}' is not an IP address."
            : Split(KnownNetworks).FirstOrDefault(n => !IPNetwork.TryParse(n, out _)) is { } network
                ? $"{Section}:KnownNetworks: '{network}' is not a network in CIDR form such as 10.0.0.0/8."
                : null;

    /// <summary>
    /// Sets the forwarded-headers middleware to trust exactly these proxies (ASP.NET's default loopback entries are
    /// dropped) and to walk <c>X-Forwarded-For</c> from the right, past every trusted hop, to the first address that is
    /// not one: the client.
    /// </summary>
    public void Apply(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
        options.ForwardLimit = null;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in Split(KnownProxies))
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }
        foreach (var network in Split(KnownNetworks))
        {
            options.KnownIPNetworks.Add(IPNetwork.Parse(network));
        }
    }

    private static string[] Split(string values) =>
        values.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
