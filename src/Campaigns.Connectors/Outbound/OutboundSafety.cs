using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Campaigns.Connectors.Outbound;

/// <summary>
/// How an HTTP client is made safe to point at URLs an agency gave us: <c>services.AddHttpClient(name)
/// .AddOutboundSafety()</c>. Every connection of that client then goes through <see cref="OutboundGuard"/>, which
/// follows <c>Campaigns:Outbound</c> (bound by <c>AddConnectors</c>; unbound, private addresses stay refused).
/// </summary>
public static class OutboundSafety
{
    /// <summary>
    /// Makes <paramref name="builder"/>'s primary handler a guarded <see cref="SocketsHttpHandler"/> (no proxy, no
    /// HTTP/3); <paramref name="configure"/> sets its other properties (redirects, pooling, timeouts). It replaces
    /// any primary handler configured before, so configure the handler here rather than with
    /// <c>ConfigurePrimaryHttpMessageHandler</c>. Registers the guard and the system resolver unless already there
    /// (a test registers its own resolver).
    /// </summary>
    public static IHttpClientBuilder AddOutboundSafety(this IHttpClientBuilder builder, Action<SocketsHttpHandler>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions();
        builder.Services.TryAddSingleton<IHostResolver, SystemHostResolver>();
        builder.Services.TryAddSingleton<OutboundGuard>();
        return builder.ConfigurePrimaryHttpMessageHandler(services => new OutboundHandler(services.GetRequiredService<OutboundGuard>(), configure));
    }
}
