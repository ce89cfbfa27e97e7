using System.Diagnostics;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Feedback;
using Campaigns.Grains.Campaigns;
using Campaigns.Grains.Feedback;
using Campaigns.Scheduling;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Feedback;
using Campaigns.Storage.Pushes;
using Campaigns.Storage.Sandbox;
using Microsoft.Extensions.Options;

namespace Campaigns.Sandbox;

/// <summary>What one round of the sandbox feed did.</summary>
/// <param name="Posts">Sandbox posts within the horizon whose push could take a snapshot.</param>
/// <param name="Recorded">Snapshots that became their push's latest.</param>
/// <param name="Unchanged">Posts skipped because their engagement was what their push already showed.</param>
/// <param name="Refused">Posts whose snapshot the rules refused (a push fed by hand with larger numbers).</param>
/// <param name="Elapsed">How long the round took.</param>
public sealed record SandboxFeedRound(int Posts, int Recorded, int Unchanged, int Refused, TimeSpan Elapsed);

/// <summary>
/// The sandbox platform's callbacks: for every sandbox post published within the horizon, the engagement now (a pure
/// function of the post and the time since it went live) recorded as a cumulative snapshot of its push, through
/// <see cref="MetricsIngest"/> like any other feedback. Works in pages, one transaction per page, lets posts rest
/// between snapshots for a share of their age (<see cref="RestDivisor"/>), and skips posts whose engagement has not
/// changed since their push's latest snapshot, so a round over quiet posts writes nothing.
/// </summary>
public sealed class SandboxFeed(
    SandboxStore store,
    MetricsIngest ingest,
    SandboxPlatform platform,
    PushQueries pushes,
    IOptionsMonitor<SandboxOptions> options,
    IOptions<PushSchedulingOptions> scheduling,
    TimeProvider clock)
{
    /// <summary>How often a feed holding back asks again whether firing is over.</summary>
    private static readonly TimeSpan YieldStep = TimeSpan.FromMilliseconds(200);

    /// <summary>Posts read, and snapshots written in one transaction, at a time.</summary>
    public const int PageSize = 1_000;

    /// <summary>
    /// A post rests for 1/20 of its age after each snapshot, as real platforms refresh a young post's figures often and
    /// an old one's seldom: a post is fed at every round for its first <c>20 × FeedSeconds</c>, then ever more rarely, so
    /// its history over the horizon holds about a hundred and fifty snapshots instead of one per round (8,640 over
    /// three days at the default period) while gates and rules still see young posts within a round.
    /// </summary>
    public const int RestDivisor = 20;

    /// <summary>Runs one round: every post within the horizon, as of now.</summary>
    public async Task<SandboxFeedRound> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var since = (now - TimeSpan.FromDays(settings.FeedHorizonDays / settings.TimeScale)).ToUnixTimeMilliseconds();
        var (afterAt, afterKey) = (since, "");
        int posts = 0, recorded = 0, unchanged = 0, refused = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var page = await store.FeedPageAsync(since, afterAt, afterKey, nowMs, RestDivisor, PageSize, cancellationToken);
            var accepted = new List<(PushRow, MetricsRow)>(page.Count);
            foreach (var post in page)
            {
                var incoming = EngagementNow(post, now);
                if (FeedbackRows.SameCounters(FeedbackRows.Latest(post.Push), incoming))
                {
                    unchanged++;
                }
                else if (MetricsIngest.Refusal(post.Push, incoming) is not null)
                {
                    refused++;
                }
                else
                {
                    accepted.Add((post.Push, incoming));
                }
            }
            if (accepted.Count > 0)
            {
                await YieldToFiringAsync(settings, cancellationToken);
            }
            recorded += (await ingest.RecordAsync(accepted)).Count(applied => applied);
            posts += page.Count;
            if (page.Count < PageSize)
            {
                break;
            }
            (afterAt, afterKey) = (page[^1].PostedAt, page[^1].IdempotencyKey);
        }
        return new SandboxFeedRound(posts, recorded, unchanged, refused, watch.Elapsed);
    }

    /// <summary>
    /// On a single-writer database, waits (up to <see cref="SandboxOptions.FeedYieldSeconds"/>) while pushes are
    /// publishing or due within the trigger lead and a bucket: a page of snapshots written then would hold the writer
    /// while their outcomes queue behind it. Snapshots are simulated callbacks; a few seconds late costs nothing.
    /// </summary>
    private async Task YieldToFiringAsync(SandboxOptions settings, CancellationToken cancellationToken)
    {
        if (!pushes.SingleWriter || settings.FeedYieldSeconds == 0)
        {
            return;
        }
        var ahead = scheduling.Value.LeadMilliseconds + scheduling.Value.BucketMilliseconds;
        var giveUpAt = clock.GetUtcNow().AddSeconds(settings.FeedYieldSeconds);
        while (clock.GetUtcNow() < giveUpAt
               && await pushes.FiringSoonAsync(clock.GetUtcNow().ToUnixTimeMilliseconds() + ahead, cancellationToken))
        {
            await Task.Delay(YieldStep, clock, cancellationToken);
        }
    }

    private MetricsRow EngagementNow(SandboxFeedRow post, DateTimeOffset now)
    {
        var e = platform.EngagementOf(post.PlatformPostId, post.Followers, DateTimeOffset.FromUnixTimeMilliseconds(post.PostedAt), now);
        return FeedbackRows.ToRow(new MetricsSnapshot(now, e.Views, e.Likes, e.Comments, e.Shares, e.Clicks, e.Orders, e.Gmv));
    }
}
