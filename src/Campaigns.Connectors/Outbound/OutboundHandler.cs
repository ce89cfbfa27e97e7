using System.Net;
using System.Runtime.ExceptionServices;

namespace Campaigns.Connectors.Outbound;

/// <summary>
/// The primary handler of every outbound client: a <see cref="SocketsHttpHandler"/> whose connections go through
/// <see cref="OutboundGuard"/>. A refusal comes out as the <see cref="OutboundRefusedException"/> itself rather than
/// wrapped in an <see cref="HttpRequestException"/>, so resilience pipelines, which retry the latter, do not retry a
/// call that can never be allowed.
/// </summary>
internal sealed class OutboundHandler : DelegatingHandler
{
    public OutboundHandler(OutboundGuard guard, Action<SocketsHttpHandler>? configure)
    {
        var sockets = new SocketsHttpHandler();
        configure?.Invoke(sockets);
        sockets.ConnectCallback = guard.ConnectAsync;
        // A proxy would be the address connected to, and the target's checked by nobody.
        sockets.UseProxy = false;
        InnerHandler = sockets;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // HTTP/3 runs over QUIC, which does not go through the connect callback: keep every request on TCP.
        if (request.Version.Major >= 3)
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.InnerException is OutboundRefusedException refused)
        {
            ExceptionDispatchInfo.Throw(refused);
            throw;
        }
    }
}
