using System.Net;

namespace Campaigns.Connectors.Outbound;

/// <summary>Turns a host name into addresses. The system's DNS in production; a test registers its own.</summary>
public interface IHostResolver
{
    /// <summary>The addresses of <paramref name="host"/>; throws as <see cref="Dns"/> does when it has none.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
