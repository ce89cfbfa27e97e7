using Campaigns.Connectors.Platforms;
using Campaigns.Domain.Accounts;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Common;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// Pulling numbers back from the account's platform for the platform poller: the account makes the calls with its own
/// credential (renewed once when the platform calls it invalid), so no token leaves the grain.
/// </summary>
public sealed partial class AccountGrain : IAccountPolling
{
    public async Task<MetricsPoll> PollMetrics(IReadOnlyList<string> postIds)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        if (PollingConnector() is not { } connector)
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
            var answer = await WithCredentialAsync((credential, ct) => connector.MetricsAsync(batch, credential, ct));
            if (answer.Failure is { } failure)
            {
                return new MetricsPoll(failure.Outcome, metrics, batches.Skip(i).SelectMany(b => b).ToList(), failure.Detail);
            }
            metrics.AddRange(answer.Value!.Select(m => new PolledMetrics(m.PostId, m.Views, m.Likes, m.Comments, m.Shares, m.At)));
        }
        return new MetricsPoll(PollOutcome.Polled, metrics, [], null);
    }

    public async Task<FollowersPoll> PollFollowers()
    {
        if (PollingConnector() is not { } connector)
        {
            return new FollowersPoll(PollOutcome.NoCredential, null, "The account is not on a platform connector.");
        }
        var answer = await WithCredentialAsync(connector.FollowersAsync);
        if (answer.Failure is { } failure)
        {
            return new FollowersPoll(failure.Outcome, null, failure.Detail);
        }
        var count = answer.Value;
        var at = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        await StorageCalls.Guard(() => followers.TryRecordAsync(AgencyId, AccountId, at.ToUnixTimeMilliseconds(), count));
        // The newest snapshot becomes the account's count; decided under the write lock, as this call interleaves.
        await ChangeAsync(account => account.FollowersAt is { } latest && latest >= at
            ? Outcome<AccountSnapshot>.Fail(ErrorKind.Conflict, "A newer follower count is already recorded.")
            : Outcome<AccountSnapshot>.Ok(account with { Followers = count, FollowersAt = at }));
        return new FollowersPoll(PollOutcome.Polled, count, null);
    }

    /// <summary>The connector to poll through, or null when the account does not exist or is not on a real platform.</summary>
    private IPlatformConnector? PollingConnector() =>
        state.State.Account is { } account && platforms.TryGet(account.Connector.Type, out var connector) ? connector : null;

    /// <summary>
    /// Calls the platform with the account's credential; when the platform calls the token invalid, renews it (single
    /// flight, through the keeper) and calls once more. A failure says how the poller should take it.
    /// </summary>
    private async Task<(T? Value, (PollOutcome Outcome, string Detail)? Failure)> WithCredentialAsync<T>(
        Func<PlatformCredential, CancellationToken, Task<PlatformResult<T>>> call)
    {
        var current = await Keeper.GetAsync(CancellationToken.None);
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
            current = await Keeper.RefreshAsync(access.AccessToken, CancellationToken.None);
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
