
using Campaigns.Sandbox;
using Campaigns.Connectors.Tests.Support;
using Campaigns.Domain.Feedback;
using Campaigns.Storage;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;
namespace Campaigns.Connectors.Tests;

/// <summary>The sandbox platform on a real database, once per storage provider. Every test uses its own keys.</summary>
public abstract class SandboxScenarios(Func<StorageSettings> storage)
{
    private static readonly ConnectorTarget Sandbox = ConnectorTarget.Sandbox;

    [ProviderFact]
    public async Task Publishing_twice_with_one_key_creates_one_post_and_returns_it_both_times()
    {
        await using var services = ConnectorHost.Build(storage());
        var (connector, platform) = Resolve(services);
        var request = Requests.Publish(Sandbox);

        var first = await connector.PublishAsync(request, default);
        var second = await connector.PublishAsync(request, default);

        Assert.Equal(PublishOutcome.Published, first.Outcome);
        Assert.Equal(first, second);
        var post = await platform.GetAsync(request.IdempotencyKey);
        Assert.NotNull(post);
        Assert.Equal((first.PlatformPostId, 1L, 2L), (post.PlatformPostId, post.Created, post.Attempts));
        Assert.Equal((request.PushId, request.Platform, request.Followers), (post.PushId, post.Platform, post.Followers));
        Assert.Single(await platform.ListAsync(request.AgencyId));
    }

    [ProviderFact]
    public async Task Fifty_concurrent_publishes_of_one_key_create_one_post()
    {
        await using var services = ConnectorHost.Build(storage());
        var (connector, platform) = Resolve(services);
        var request = Requests.Publish(Sandbox);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var publishes = Enumerable.Range(0, 50)
            .Select(_ => Task.Run(async () => { await start.Task; return await connector.PublishAsync(request, default); }))
            .ToList();
        start.SetResult();
        var results = await Task.WhenAll(publishes);

        Assert.All(results, r => Assert.Equal(PublishOutcome.Published, r.Outcome));
        Assert.Single(results.Select(r => r.PlatformPostId).Distinct());
        var post = await platform.GetAsync(request.IdempotencyKey);
        Assert.Equal((1L, 50L), (post!.Created, post.Attempts));
    }

    [ProviderFact]
    public async Task Injected_failures_create_nothing_and_retrying_the_key_publishes_exactly_once()
    {
        await using var services = ConnectorHost.Build(storage(), new Dictionary<string, string?> { ["Campaigns:Sandbox:FailureRate"] = "0.5" });
        var (connector, platform) = Resolve(services);
        // A key whose first attempt is one of the failing half, so the test always sees a failure first.
        var key = Enumerable.Range(0, 100).Select(i => $"flaky-{Guid.NewGuid():N}-{i}")
            .First(k => SandboxFaults.FailsAttempt(k, 1, 0.5));
        var request = Requests.Publish(Sandbox, key: key);

        var calls = 0;
        PublishResult result;
        do
        {
            Assert.True(++calls <= 64, "a key should publish within 64 attempts at a 50% failure rate");
            result = await connector.PublishAsync(request, default);
            if (result.Outcome == PublishOutcome.TransientFailure)
            {
                Assert.Null(result.PlatformPostId);
                Assert.Null(await platform.GetAsync(key));
                Assert.Null(await connector.FindAsync(Requests.LookupOf(request), default));
            }
        }
        while (result.Outcome != PublishOutcome.Published);

        Assert.True(calls > 1);
        Assert.Equal(result, await connector.PublishAsync(request, default));
        var post = await platform.GetAsync(key);
        Assert.Equal((result.PlatformPostId, 1L, calls + 1L), (post!.PlatformPostId, post.Created, post.Attempts));
    }

    [ProviderFact]
    public async Task About_the_configured_share_of_first_attempts_fail()
    {
        await using var services = ConnectorHost.Build(storage(), new Dictionary<string, string?> { ["Campaigns:Sandbox:FailureRate"] = "0.5" });
        var (connector, _) = Resolve(services);
        var run = Guid.NewGuid().ToString("N");

        var outcomes = new List<PublishOutcome>();
        for (var i = 0; i < 40; i++)
        {
            outcomes.Add((await connector.PublishAsync(Requests.Publish(Sandbox, key: $"rate-{run}-{i}"), default)).Outcome);
        }

        Assert.InRange(outcomes.Count(o => o == PublishOutcome.TransientFailure), 8, 32);
        Assert.All(outcomes, o => Assert.Contains(o, new[] { PublishOutcome.Published, PublishOutcome.TransientFailure }));
    }

    [ProviderFact]
    public async Task Find_returns_the_post_of_a_published_key_and_null_otherwise()
    {
        await using var services = ConnectorHost.Build(storage());
        var (connector, _) = Resolve(services);
        var request = Requests.Publish(Sandbox);
        var published = await connector.PublishAsync(request, default);

        Assert.Equal(published, await connector.FindAsync(Requests.LookupOf(request), default));
        Assert.Null(await connector.FindAsync(Requests.LookupOf(request) with { IdempotencyKey = "never-published" }, default));
        Assert.Null(await connector.FindAsync(Requests.LookupOf(request) with { AgencyId = "agc_someone_else" }, default));
    }

    [ProviderFact]
    public async Task Posts_survive_a_restart_and_are_still_published_once()
    {
        var request = Requests.Publish(Sandbox);
        PublishResult before;
        await using (var first = ConnectorHost.Build(storage()))
        {
            before = await Resolve(first).Connector.PublishAsync(request, default);
        }

        await using var second = ConnectorHost.Build(storage());
        var (connector, platform) = Resolve(second);

        Assert.Equal(before, await connector.PublishAsync(request, default));
        var post = (await platform.GetAsync(request.IdempotencyKey))!;
        Assert.Equal((1L, 2L), (post.Created, post.Attempts));
    }

    [ProviderFact]
    public async Task Lists_show_one_agency_and_optionally_one_account()
    {
        await using var services = ConnectorHost.Build(storage());
        var (connector, platform) = Resolve(services);
        var agency = "agc_" + Guid.NewGuid().ToString("N");
        await connector.PublishAsync(Requests.Publish(Sandbox, agency) with { AccountId = "acc_a" }, default);
        await connector.PublishAsync(Requests.Publish(Sandbox, agency) with { AccountId = "acc_b" }, default);
        await connector.PublishAsync(Requests.Publish(Sandbox, agency) with { AccountId = "acc_b" }, default);
        await connector.PublishAsync(Requests.Publish(Sandbox), default);

        Assert.Equal(3, (await platform.ListAsync(agency)).Count);
        Assert.Equal(2, (await platform.ListAsync(agency, "acc_b")).Count);
        Assert.Single(await platform.ListAsync(agency, limit: 1));
    }

    [ProviderFact]
    public async Task Engagement_of_a_post_is_deterministic_grows_with_time_and_follows_the_time_scale()
    {
        await using var services = ConnectorHost.Build(storage(), new Dictionary<string, string?> { ["Campaigns:Sandbox:TimeScale"] = "3600" });
        var (connector, platform) = Resolve(services);
        var request = Requests.Publish(Sandbox, followers: 250_000);
        await connector.PublishAsync(request, default);
        var post = (await platform.GetAsync(request.IdempotencyKey))!;

        Assert.Equal(EngagementSnapshot.Zero, platform.EngagementOf(post, post.PublishedAt));
        var afterOneSecond = platform.EngagementOf(post, post.PublishedAt.AddSeconds(1));
        // At 3600× a real second is a simulated hour.
        Assert.Equal(SandboxEngagement.At(post.PlatformPostId, 250_000, TimeSpan.FromHours(1), 1), afterOneSecond);
        Assert.Equal(afterOneSecond, platform.EngagementOf(post, post.PublishedAt.AddSeconds(1)));
        Assert.True(afterOneSecond.Views > 0);
        Assert.True(platform.EngagementOf(post, post.PublishedAt.AddSeconds(10)).Views > afterOneSecond.Views);
    }

    private static (SandboxConnector Connector, SandboxPlatform Platform) Resolve(IServiceProvider services) =>
        (services.GetRequiredService<SandboxConnector>(), services.GetRequiredService<SandboxPlatform>());
}

/// <summary>The sandbox on a SQLite file.</summary>
public sealed class SqliteSandboxTests(SqliteSandboxTests.Database database)
    : SandboxScenarios(() => database.Settings), IClassFixture<SqliteSandboxTests.Database>
{
    /// <summary>A migrated SQLite file shared by the class.</summary>
    public sealed class Database : IDisposable
    {
        private readonly TempSqliteDatabase _file = new();

        public Database()
        {
            Settings = new StorageSettings(StorageProvider.Sqlite, _file.ConnectionString);
            DatabaseMigrator.Migrate(Settings);
        }

        public StorageSettings Settings { get; }

        public void Dispose() => _file.Dispose();
    }
}

/// <summary>The sandbox on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresSandboxTests(PostgresSandboxTests.Database database)
    : SandboxScenarios(() => database.Settings), IClassFixture<PostgresSandboxTests.Database>
{
    /// <summary>A migrated PostgreSQL database shared by the class.</summary>
    public sealed class Database : IAsyncLifetime
    {
        private readonly PostgresDatabase _database = new();

        public StorageSettings Settings => new(StorageProvider.PostgreSql, _database.ConnectionString);

        public async Task InitializeAsync()
        {
            await _database.InitializeAsync();
            if (!PostgresTestEnvironment.ShouldSkip)
            {
                DatabaseMigrator.Migrate(Settings);
            }
        }

        public Task DisposeAsync() => _database.DisposeAsync();
    }
}
