using System.Net;
using Campaigns.Host.Tests.Support;
using Campaigns.Storage;
using Campaigns.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Host.Tests;

/// <summary>
/// The database fails just as a request's Idempotency-Key record is written, as it did in the faults benchmark
/// (tests/Campaigns.Benchmarks/faults.sh c) when PostgreSQL stopped in the middle of a burst of commands. The failure
/// is a trigger in the host's own SQLite file that refuses the write, dropped again when the database "is back".
/// </summary>
public sealed class IdempotencyOutageTests(SqliteHostFixture host) : IClassFixture<SqliteHostFixture>
{
    private CampaignsApp App => host.App;

    [Fact]
    public async Task A_command_whose_answer_cannot_be_stored_is_answered_with_its_result_and_replayed_once_the_database_is_back()
    {
        var tenant = await Tenant.Create(App);
        var body = Tenant.AccountBody("answer_not_stored");
        HttpResponseMessage first;
        await using (await RefuseAsync("UPDATE", "idempotency_keys"))
        {
            first = await tenant.Client.PostJson("/v1/accounts", body, "answer-key");
            // A 503 "nothing was changed" (while the account exists) without the catch of storage faults in
            // IdempotencyMiddleware.CompleteAsync.
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }
        var created = await first.Content.ReadAsStringAsync();

        // 409 "Request in progress" until the 2-minute in-flight window passes (after which a retry would create the
        // account again, and hear that its handle is taken) without `pending.Complete(ticket, response)` in
        // IdempotencyMiddleware.CompleteAsync.
        HttpResponseMessage retry = null!;
        await Poll.Until(async () =>
        {
            retry = await tenant.Client.PostJson("/v1/accounts", body, "answer-key");
            return retry.StatusCode == HttpStatusCode.Created;
        });
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(created, await retry.Content.ReadAsStringAsync());
        Assert.Single((await ApiClient.Json(await tenant.Client.Get("/v1/accounts")))["items"]!.AsArray());
    }

    [Fact]
    public async Task A_key_whose_failed_request_could_not_release_it_is_free_once_the_database_is_back()
    {
        var tenant = await Tenant.Create(App);
        var body = Tenant.AccountBody("release_not_stored");
        await using (await RefuseAsync("INSERT", "account_states"))
        await using (await RefuseAsync("DELETE", "idempotency_keys"))
        {
            var first = await tenant.Client.PostJson("/v1/accounts", body, "release-key");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        }

        // 409 "Request in progress" for 2 minutes, although nothing runs, without `pending.Release(ticket)` in
        // IdempotencyMiddleware.ReleaseAsync.
        HttpResponseMessage retry = null!;
        await Poll.Until(async () =>
        {
            retry = await tenant.Client.PostJson("/v1/accounts", body, "release-key");
            return retry.StatusCode == HttpStatusCode.Created;
        });
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Single((await ApiClient.Json(await tenant.Client.Get("/v1/accounts")))["items"]!.AsArray());
    }

    /// <summary>Makes every <paramref name="operation"/> on <paramref name="table"/> fail until disposed.</summary>
    private async Task<IAsyncDisposable> RefuseAsync(string operation, string table)
    {
        var trigger = $"refuse_{operation}_{table}".ToLowerInvariant();
        await ExecuteAsync($"CREATE TRIGGER {trigger} BEFORE {operation} ON {table} BEGIN SELECT RAISE(ABORT, 'the database is unavailable (test)'); END");
        return new Restore(() => ExecuteAsync($"DROP TRIGGER {trigger}"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await App.Services.GetRequiredService<DbConnectionFactory>().OpenAsync();
        await connection.ExecuteAsync(sql);
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }
}
