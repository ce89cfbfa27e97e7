using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Campaigns.Connectors.Outbound;

namespace Campaigns.Testing;

/// <summary>A DNS the test writes: each name answers the addresses given for it; the lookups are counted.</summary>
public sealed class ScriptedResolver(IReadOnlyDictionary<string, string[]> answers) : IHostResolver
{
    private readonly ConcurrentQueue<string> _asked = new();

    /// <summary>Every name looked up, in order.</summary>
    public IReadOnlyList<string> Asked => _asked.ToList();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        _asked.Enqueue(host);
        return answers.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses.Select(IPAddress.Parse).ToArray())
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
