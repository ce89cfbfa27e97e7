using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Storage;
using Campaigns.Testing;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Campaigns.Grains.Tests.Support;

/// <summary>One migrated SQLite file, one fake clock and one cluster, shared by the tests of a class.</summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    /// <summary>Where the fake clock starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    private readonly TempSqliteDatabase _database = new();
    private InProcessTestCluster? _cluster;

    public GrainClusterFixture()
    {
        Settings = new StorageSettings(StorageProvider.Sqlite, _database.ConnectionString);
    }

    public StorageSettings Settings { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The grain of one account of one agency.</summary>
    public IAccountGrain Account(string agencyId, string accountId) =>
        Grains.GetGrain<IAccountGrain>(GrainKeys.For(agencyId, accountId));

    /// <summary>Creates an account as <c>POST /v1/accounts</c> does, through the agency's creation worker.</summary>
    public Task<Outcome<AccountSnapshot>> CreateAccount(string agencyId, string accountId, AccountDraft draft) =>
        Grains.CreateAccount(agencyId, accountId, draft);

    /// <summary>
    /// Waits for what a grain timer does: grain timers run on the grains' clock, so each poll moves the fake clock a
    /// second on, and the deadline (real time) bounds the wait.
    /// </summary>
    public Task UntilAsync(Func<Task<bool>> condition) => Timers.UntilAsync(Clock, condition);

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
