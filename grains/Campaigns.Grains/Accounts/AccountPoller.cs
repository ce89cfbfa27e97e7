using Campaigns.Connectors.Platforms;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Common;
using Campaigns.Storage.Accounts;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// Pulling numbers back from an account's platform for the platform poller, on behalf of its grain: the calls are made
/// with the account's own credential (renewed once when the platform calls it invalid, through its keeper), so no token
/// leaves the grain.
/// </summary>
public sealed class AccountPoller(PlatformRegistry platforms, FollowerStore followers, TimeProvider clock)
{
    internal async Task<MetricsPoll> PollMetricsAsync(AccountSnapshot? account, CredentialKeeper keeper, IReadOnlyList<string> postIds)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        if (PollingConnector(account) is not { } connector)
        {
            return new MetricsPoll(PollOutcome.NoCredential, [], postIds, "The account is not on a platform connector.");
        }
        var metrics = new List<PolledMetrics>(postIds.Count);
        // One platform call per MetricsBatchSize ids (guard: without the Chunk, a second id would go in the same call,
        // which the connector refuses beyond its batch size and the platform would refuse too).
        var batches = postIds.Chunk(connector.MetricsBatchSize).ToList();
        for (var i = 0; i < batches.Count; i++)
        {
            var batch = batches[i];
            var answer = await WithCredentialAsync(keeper, (credential, ct) => connector.MetricsAsync(batch, credential, ct));
            if (answer.Failure is { } failure)
            {
                return new MetricsPoll(failure.Outcome, metrics, batches.Skip(i).SelectMany(b => b).ToList(), failure.Detail);
            }
            metrics.AddRange(answer.Value!.Select(m => new PolledMetrics(m.PostId, m.Views, m.Likes, m.Comments, m.Shares, m.At)));
        }
        return new MetricsPoll(PollOutcome.Polled, metrics, [], null);
    }

    /// <summary>
    /// Asks the platform for the follower count, stores it in the follower history, then hands it to
    /// <paramref name="adopt"/>, which makes it the account's count unless a newer one is recorded.
    /// </summary>
    internal async Task<FollowersPoll> PollFollowersAsync(
        string agencyId, string accountId, AccountSnapshot? account, CredentialKeeper keeper, Func<DateTimeOffset, long, Task> adopt)
    {
        if (PollingConnector(account) is not { } connector)
        {
            return new FollowersPoll(PollOutcome.NoCredential, null, "The account is not on a platform connector.");
        }
        var answer = await WithCredentialAsync(keeper, connector.FollowersAsync);
        if (answer.Failure is { } failure)
        {
            return new FollowersPoll(failure.Outcome, null, failure.Detail);
        }
        var count = answer.Value;
        var at = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        await StorageCalls.Guard(() => followers.TryRecordAsync(agencyId, accountId, at.ToUnixTimeMilliseconds(), count));
        await adopt(at, count);
        return new FollowersPoll(PollOutcome.Polled, count, null);
    }

    /// <summary>The connector to poll through, or null when the account does not exist or is not on a real platform.</summary>
    private IPlatformConnector? PollingConnector(AccountSnapshot? account) =>
        account is not null && platforms.TryGet(account.Connector.Type, out var connector) ? connector : null;

    /// <summary>
    /// Calls the platform with the account's credential; when the platform calls the token invalid, renews it (single
    /// flight, through the keeper) and calls once more. A failure says how the poller should take it.
    /// </summary>
    private static async Task<(T? Value, (PollOutcome Outcome, string Detail)? Failure)> WithCredentialAsync<T>(
        CredentialKeeper keeper, Func<PlatformCredential, CancellationToken, Task<PlatformResult<T>>> call)
    {
        var current = await keeper.GetAsync(CancellationToken.None);
        for (var renewed = false; ; renewed = true)
        {
            if (current.Failure is { } unavailable)
            {
                return (default, (Unavailable(unavailable.Kind), $"{unavailable.Code}: {unavailable.Message}"));
            }
            var access = current.Credential!;
            var answer = await call(new PlatformCredential(access.AccessToken, access.UserId), CancellationToken.None);
            if (answer.Ok)
            {
                return (answer.Value, null);
            }
            var failure = answer.Failure!;
            if (failure.Kind != FailureKind.TokenInvalid || renewed)
            {
                return (default, (Taken(failure.Kind), failure.ToString()));
            }
            current = await keeper.RefreshAsync(access.AccessToken, CancellationToken.None);
        }
    }

    private static PollOutcome Unavailable(CredentialFailureKind kind) => kind switch
    {
        CredentialFailureKind.NotConnected or CredentialFailureKind.NeedsReauth => PollOutcome.NoCredential,
        CredentialFailureKind.RateLimited => PollOutcome.RateLimited,
        _ => PollOutcome.Failed,
    };

    private static PollOutcome Taken(FailureKind kind) => kind switch
    {
        FailureKind.RefreshRefused => PollOutcome.NoCredential,
        FailureKind.RateLimited => PollOutcome.RateLimited,
        _ => PollOutcome.Failed,
    };
}
