using System.Diagnostics.Metrics;
using System.Net;
using Campaigns.Application.Agencies;
using Campaigns.Host.Tests.Support;
using Campaigns.Storage;
using Campaigns.Storage.Agencies;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Campaigns.Host.Tests;

/// <summary>A revoked key is refused by every silo within 5 s: each trusts a key from memory for at most 4 s.</summary>
public sealed class KeyRevocationTests
{
    [Fact]
    public async Task A_silo_that_trusted_a_key_refuses_it_once_its_trust_runs_out_after_another_silo_revoked_it()
    {
        using var database = new TempSqliteDatabase();
        var settings = new StorageSettings(StorageProvider.Sqlite, database.ConnectionString);
        DatabaseMigrator.Migrate(settings);
        var keys = new ApiKeyStore(new DbConnectionFactory(settings));
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000));
        var (first, firstRecord) = ApiKeys.Issue("agy_0190000000000000abcdef", "first", clock);
        var (_, spareRecord) = ApiKeys.Issue("agy_0190000000000000abcdef", "spare", clock);
        await new AgencyStore(new DbConnectionFactory(settings)).CreateAsync(new AgencyRecord(firstRecord.AgencyId, "A", 0), firstRecord);
        await keys.AddAsync(spareRecord, ApiKeys.MaxPerAgency);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        ApiKeyAuthenticator Silo() => new(keys, clock, services.GetRequiredService<IMeterFactory>(), NullLogger<ApiKeyAuthenticator>.Instance);
        var (revoking, other) = (Silo(), Silo());
        Assert.Equal(KeyVerdict.Valid, (await other.CheckAsync(first, mayQueryDatabase: true, default)).Verdict);

        // What DeleteApiKeyHandler does on the silo that takes the DELETE.
        var (_, hash) = await keys.DeleteAsync(firstRecord.AgencyId, firstRecord.Id);
        revoking.Forget(hash!);

        Assert.Equal(KeyVerdict.Invalid, (await revoking.CheckAsync(first, mayQueryDatabase: true, default)).Verdict);
        clock.Advance(ApiKeyAuthenticator.TrustCachedFor - TimeSpan.FromMilliseconds(1));
        Assert.Equal(KeyVerdict.Valid, (await other.CheckAsync(first, mayQueryDatabase: true, default)).Verdict);
        // Removing the expiry check in ApiKeyAuthenticator.CheckAsync (valid.Until > now) makes this silo trust it forever.
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(KeyVerdict.Invalid, (await other.CheckAsync(first, mayQueryDatabase: true, default)).Verdict);
        Assert.True(ApiKeyAuthenticator.TrustCachedFor < TimeSpan.FromSeconds(5));
    }

    [PostgresFact]
    public async Task A_key_revoked_through_one_silo_is_refused_by_another_within_five_seconds()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var settings = HostSettings.Postgres(database.ConnectionString);
        await using var first = new CampaignsApp(settings);
        _ = first.Server;
        await using var second = new CampaignsApp(settings with { DataDirectory = settings.DataDirectory + "-2" });
        _ = second.Server;
        var tenant = await Tenant.Create(first);
        var key = await ApiClient.Json(await tenant.Client.PostJson("/v1/keys", new { name = "leaked" }));
        var onSecond = ApiClient.For(second, key["apiKey"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await onSecond.Get("/v1/accounts")).StatusCode); // the second silo now trusts it

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Client.Http.DeleteAsync($"/v1/keys/{key["id"]!.GetValue<string>()}")).StatusCode);

        await Poll.Until(async () => (await onSecond.Get("/v1/accounts")).StatusCode == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, (await ApiClient.For(second, tenant.ApiKey).Get("/v1/accounts")).StatusCode);
    }
}
