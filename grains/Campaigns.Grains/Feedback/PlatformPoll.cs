using System.Diagnostics;
using Campaigns.Connectors.Platforms;
using Campaigns.Domain.Common;
using Campaigns.Domain.Feedback;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Campaigns;
using Campaigns.Scheduling.Feedback;
using Campaigns.Storage.Feedback;
using Campaigns.Storage.Polling;
using Campaigns.Storage.Pushes;
using Microsoft.Extensions.Logging;
using PlatformWord = Campaigns.Domain.Accounts.Platform;

namespace Campaigns.Grains.Feedback;

/// <summary>
/// Pulls engagement and followers back from the real platforms. A round schedules newly published pushes of accounts
/// on a platform connector (<see cref="MetricsPollSchedule"/>: every <c>MetricsPollSeconds</c> for 72 h, then daily
/// until 30 days), asks each account with due posts for their metrics — one grain call per account, which batches its
/// ids by the connector's <c>MetricsBatchSize</c> — records them through <see cref="MetricsIngest"/> as cumulative
/// snapshots so gates and rules act on them, and asks connected accounts for their followers once a day. An account
/// without a usable credential is skipped to its next slot; one the platform rate-limits is left alone for the rest
/// of the round and asked again in the next.
/// </summary>
public sealed class PlatformPoll(
    PlatformPollStore store, MetricsIngest ingest, FeedbackMetrics telemetry, PlatformRegistry platforms,
    IGrainFactory grains, TimeProvider clock, ILogger<PlatformPoll> logger) : IPlatformPoll
{
    /// <summary>Pushes (or accounts) read and settled at a time.</summary>
    public const int PageSize = 500;

    /// <summary>Accounts asked at once: platform calls are slow, the grains are many.</summary>
    public const int Concurrency = 16;

    /// <summary>The longest period between rounds, whatever the intervals (a new post waits at most this for its schedule).</summary>
    public static readonly TimeSpan MaxRoundPeriod = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often a round runs: the shortest <c>MetricsPollSeconds</c> of the configured platforms, at most a minute; zero
    /// (no job) when no platform has client credentials, as then no account can be connected.
    /// </summary>
    public static TimeSpan RoundPeriod(PlatformRegistry platforms)
    {
        var intervals = platforms.Types.Where(t => platforms.MissingSettingFor(t) is null)
            .Select(t => TimeSpan.FromSeconds(platforms.Settings(t).MetricsPollSeconds)).ToList();
        return intervals.Count == 0 ? TimeSpan.Zero : intervals.Min() < MaxRoundPeriod ? intervals.Min() : MaxRoundPeriod;
    }

    public TimeSpan Period => RoundPeriod(platforms);

    /// <summary>Runs one round as of now.</summary>
    public async Task<PlatformPollRound> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var round = new PlatformPollRound();
        var now = clock.GetUtcNow();
        var backedOff = new HashSet<(string AgencyId, string AccountId)>();
        round.Scheduled = await ScheduleNewAsync(now, cancellationToken);
        await PollMetricsAsync(now, backedOff, round, cancellationToken);
        await PollFollowersAsync(now, backedOff, round, cancellationToken);
        round.Elapsed = watch.Elapsed;
        return round;
    }

    /// <summary>Gives every newly published push its first poll, or none when it is not on a platform; how many got one.</summary>
    private async Task<int> ScheduleNewAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scheduled = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var page = await store.UnscheduledAsync(PageSize, cancellationToken);
            var first = page.Select(p => (new PollKey(p.AgencyId, p.Id), FirstPoll(p, now))).ToList();
            await store.ScheduleAsync(first, cancellationToken);
            scheduled += first.Count(f => f.Item2 != PlatformPollStore.Never);
            if (page.Count < PageSize)
            {
                break;
            }
        }
        return scheduled;
    }

    private long FirstPoll(UnscheduledPushRow push, DateTimeOffset now)
    {
        var published = DateTimeOffset.FromUnixTimeMilliseconds(push.PublishedAt);
        return push.OnPlatform == 1 && IntervalOf(push.Platform) is { } interval && now < published + MetricsPollSchedule.Horizon
            && MetricsPollSchedule.Next(published, published, interval) is { } at
            ? at.ToUnixTimeMilliseconds()
            : PlatformPollStore.Never;
    }

    /// <summary>Every push due now, page by page in due order; each visited once per round.</summary>
    private async Task PollMetricsAsync(DateTimeOffset now, HashSet<(string, string)> backedOff, PlatformPollRound round, CancellationToken cancellationToken)
    {
        var (afterAt, afterAgency, afterId) = (0L, "", "");
        while (!cancellationToken.IsCancellationRequested)
        {
            var page = await store.DueAsync(now.ToUnixTimeMilliseconds(), afterAt, afterAgency, afterId, PageSize, cancellationToken);
            round.Posts += page.Count;
            await PollPageAsync(page, now, backedOff, round, cancellationToken);
            if (page.Count < PageSize)
            {
                break;
            }
            (afterAt, afterAgency, afterId) = (page[^1].PollAt, page[^1].Push.AgencyId, page[^1].Push.Id);
        }
    }

    private async Task PollPageAsync(
        IReadOnlyList<MetricsPollRow> page, DateTimeOffset now, HashSet<(string, string)> backedOff, PlatformPollRound round, CancellationToken cancellationToken)
    {
        var accounts = page.Where(r => !backedOff.Contains((r.Push.AgencyId, r.Push.AccountId)))
            .GroupBy(r => (r.Push.AgencyId, r.Push.AccountId)).ToList();
        var polls = await AskAllAsync(accounts, (account, _) => grains.GetGrain<IAccountPolling>(GrainKeys.For(account.Key.AgencyId, account.Key.AccountId))
            .PollMetrics(account.Select(r => r.Push.PlatformPostId!).Distinct(StringComparer.Ordinal).ToList()),
            failure => new MetricsPoll(PollOutcome.Failed, [], [.. failure.Item1.Select(r => r.Push.PlatformPostId!)], failure.Item2), cancellationToken);
        var accepted = new List<(PushRow, MetricsRow)>();
        var next = new List<(PollKey, long)>();
        for (var i = 0; i < accounts.Count; i++)
        {
            Count(round, "metrics", polls[i].Outcome);
            if (polls[i].Outcome == PollOutcome.RateLimited)
            {
                backedOff.Add(accounts[i].Key);
            }
            Settle(accounts[i], polls[i], now, accepted, next, round);
        }
        round.Recorded += (await ingest.RecordAsync(accepted, polled: true)).Count(applied => applied);
        await store.ScheduleAsync(next, cancellationToken);
    }

    /// <summary>
    /// Takes one account's answer: each reported post becomes a snapshot (unless unchanged or refused) and moves to its
    /// next slot, as does every post asked but not reported; posts not asked (the account was refused midway) stay due,
    /// except when the account has no credential: then they skip to their next slot rather than be asked every round.
    /// </summary>
    private void Settle(IEnumerable<MetricsPollRow> rows, MetricsPoll poll, DateTimeOffset now,
        List<(PushRow, MetricsRow)> accepted, List<(PollKey, long)> next, PlatformPollRound round)
    {
        var reported = poll.Metrics.ToDictionary(m => m.PostId, StringComparer.Ordinal);
        var unasked = poll.Outcome == PollOutcome.NoCredential ? [] : poll.Unasked.ToHashSet(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var push = row.Push;
            if (unasked.Contains(push.PlatformPostId!))
            {
                continue;
            }
            if (reported.TryGetValue(push.PlatformPostId!, out var metrics))
            {
                Classify(push, metrics, accepted, round);
            }
            else if (poll.Outcome != PollOutcome.NoCredential)
            {
                round.Missing++;
            }
            next.Add((new PollKey(push.AgencyId, push.Id), NextPoll(push, now)));
        }
    }

    /// <summary>
    /// A platform reports views, likes, comments and shares only: the push's clicks, orders and GMV (from the API or a
    /// shop callback) are carried over, or the snapshot would read as those counters going down.
    /// </summary>
    private void Classify(PushRow push, PolledMetrics metrics, List<(PushRow, MetricsRow)> accepted, PlatformPollRound round)
    {
        var latest = FeedbackRows.Latest(push);
        var incoming = new MetricsRow(metrics.At.ToUnixTimeMilliseconds(), metrics.Views, metrics.Likes, metrics.Comments, metrics.Shares,
            latest?.Clicks ?? 0, latest?.Orders ?? 0, latest?.Gmv ?? 0);
        if (FeedbackRows.SameCounters(latest, incoming))
        {
            round.Unchanged++;
        }
        else if (MetricsIngest.Refusal(push, incoming) is { } refusal)
        {
            round.Refused++;
            logger.LogDebug("Polled metrics of push {PushId} refused: {Reason}", push.Id, refusal.Message);
        }
        else
        {
            accepted.Add((push, incoming));
        }
    }

    private long NextPoll(PushRow push, DateTimeOffset now) =>
        IntervalOf(push.Platform) is { } interval && push.PublishedAt is { } published
        && MetricsPollSchedule.Next(DateTimeOffset.FromUnixTimeMilliseconds(published), now, interval) is { } at
            ? at.ToUnixTimeMilliseconds()
            : PlatformPollStore.Never;

    /// <summary>Connected accounts not asked for their followers for a day, page by page.</summary>
    private async Task PollFollowersAsync(DateTimeOffset now, HashSet<(string, string)> backedOff, PlatformPollRound round, CancellationToken cancellationToken)
    {
        var cutoff = (now - MetricsPollSchedule.Daily).ToUnixTimeMilliseconds();
        var (afterAgency, afterId) = ("", "");
        while (!cancellationToken.IsCancellationRequested)
        {
            var page = await store.FollowersDueAsync(cutoff, afterAgency, afterId, PageSize, cancellationToken);
            var accounts = page.Where(a => !backedOff.Contains((a.AgencyId, a.Id))).ToList();
            var polls = await AskAllAsync(accounts, (account, _) => grains.GetGrain<IAccountPolling>(GrainKeys.For(account.AgencyId, account.Id)).PollFollowers(),
                failure => new FollowersPoll(PollOutcome.Failed, null, failure.Item2), cancellationToken);
            for (var i = 0; i < accounts.Count; i++)
            {
                Count(round, "followers", polls[i].Outcome);
                round.Followers += polls[i].Outcome == PollOutcome.Polled ? 1 : 0;
            }
            // Only a poll that got its answer waits a day; the others are asked again next round.
            await store.FollowersPolledAsync([.. accounts.Where((_, i) => polls[i].Outcome == PollOutcome.Polled)], now.ToUnixTimeMilliseconds(), cancellationToken);
            if (page.Count < PageSize)
            {
                break;
            }
            (afterAgency, afterId) = (page[^1].AgencyId, page[^1].Id);
        }
    }

    /// <summary>Asks every account, <see cref="Concurrency"/> at a time; a call that throws reads as a failed poll.</summary>
    private async Task<TResult[]> AskAllAsync<TAccount, TResult>(
        IReadOnlyList<TAccount> accounts, Func<TAccount, CancellationToken, Task<TResult>> ask,
        Func<(TAccount, string), TResult> failed, CancellationToken cancellationToken)
    {
        var results = new TResult[accounts.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, accounts.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                try
                {
                    results[i] = await ask(accounts[i], ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "The platform poll of an account failed");
                    results[i] = failed((accounts[i], ex.GetBaseException().Message));
                }
            });
        return results;
    }

    private void Count(PlatformPollRound round, string kind, PollOutcome outcome)
    {
        round.Accounts++;
        var word = outcome switch
        {
            PollOutcome.NoCredential => "no-credential",
            PollOutcome.RateLimited => "rate-limited",
            PollOutcome.Failed => "failed",
            _ => "polled",
        };
        round.NoCredential += outcome == PollOutcome.NoCredential ? 1 : 0;
        round.RateLimited += outcome == PollOutcome.RateLimited ? 1 : 0;
        round.Failed += outcome == PollOutcome.Failed ? 1 : 0;
        telemetry.Polled(kind, word);
    }

    /// <summary>The metrics poll interval of a platform word, or null when no real platform connector publishes there.</summary>
    private TimeSpan? IntervalOf(string platformWord)
    {
        if (!WireName<PlatformWord>.TryParse(platformWord, out var platform))
        {
            return null;
        }
        foreach (var type in platforms.Types)
        {
            if (platforms.Connector(type).Platform == platform)
            {
                return TimeSpan.FromSeconds(platforms.Settings(type).MetricsPollSeconds);
            }
        }
        return null;
    }
}
