using Campaigns.Storage;
using Campaigns.Testing;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Campaigns.Grains.Tests.Support;

/// <summary>One migrated SQLite file, one fake clock and one cluster, shared by the tests of a class.</summary>
public sealed class AccountClusterFixture : IAsyncLifetime
{
    /// <summary>Where the fake clock starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    private readonly TempSqliteDatabase _database = new();
    private InProcessTestCluster? _cluster;

    public AccountClusterFixture()
    {
        Settings = new StorageSettings(StorageProvider.Sqlite, _database.ConnectionString);
    }

    public StorageSettings Settings { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        DatabaseMigrator.Migrate(Settings);
        _cluster = await GrainCluster.StartAsync(Settings, Clock, "grains-tests-" + Guid.NewGuid().ToString("N"));
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
        _database.Dispose();
    }
}
