using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Host.Tests.Support;

/// <summary>How a test host is configured: which database, which data directory, which environment.</summary>
public sealed record HostSettings(string Provider, string? ConnectionString, string DataDirectory)
{
    public string Environment { get; init; } = "Production";
    public string? AdminKey { get; init; } = "adm_test_" + Guid.NewGuid().ToString("N");
    public string ClusterId { get; init; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// Serve on a real Kestrel port on loopback instead of the in-memory test server, for tests that need what only a
    /// socket has (the client's address). Start such a host with <c>StartServer()</c>, not <c>Server</c>.
    /// </summary>
    public bool Kestrel { get; init; }

    /// <summary>
    /// Whether outbound calls may reach private addresses (<c>Campaigns:Outbound:AllowPrivateAddresses</c>): on by
    /// default, because the tests' publishers listen on 127.0.0.1; off where a test checks the guard.
    /// </summary>
    public bool AllowPrivateAddresses { get; init; } = true;

    /// <summary>Services a test puts in place of the host's own (e.g. the outbound guard's resolver).</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>Further settings by configuration key (e.g. <c>Campaigns:Scheduling:SweepSeconds</c>).</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();

    public static HostSettings Sqlite(string dataDirectory) => new("Sqlite", null, dataDirectory);

    public static HostSettings Postgres(string connectionString) =>
        new("PostgreSql", connectionString, Path.Combine(Path.GetTempPath(), "campaigns-pg-" + Guid.NewGuid().ToString("N")));
}
