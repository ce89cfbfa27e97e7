using Campaigns.Domain.Automation;
using Campaigns.Domain.Common;
using Campaigns.Domain.Engagement;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Common;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Pushes;
using Microsoft.Extensions.Logging;

namespace Campaigns.Grains.Campaigns;

/// <summary>
/// Automation rules: amplify a winner, stop an underperforming account. Each rule decides at most once per push:
/// the decision is a row of <c>rule_firings</c> claimed before acting (see <see cref="RuleFiringStore"/>), the
/// action is idempotent (derived push ids, conditional updates), and a firing interrupted by a crash is finished by
/// the next review. <c>atLeast</c> rules are judged when feedback arrives; <c>atMost</c> rules when their window has
/// closed, on feedback or on a review (each completion check, and a durable trigger at the next window's end).
/// </summary>
public sealed partial class CampaignGrain : ICampaignRulesGrain
{
    /// <summary>Pushes judged per rule per query of a review.</summary>
    private const int ReviewBatch = 500;

    /// <summary>Stands for "no review trigger" in <see cref="_reviewAt"/>.</summary>
    private static readonly DateTimeOffset NoReview = DateTimeOffset.MaxValue;

    /// <summary>The review instant this activation last handed to the scheduler; null when not known.</summary>
    private DateTimeOffset? _reviewAt;

    private IReadOnlyList<AutomationRule> Rules => state.State.Campaign?.Definition.Rules ?? [];

    public async Task ReviewRules()
    {
        // Whatever the review finds next is scheduled again: the instant that called has passed.
        _reviewAt = null;
        if (state.State.Campaign is not { Status: CampaignStatus.Running })
        {
            // Nothing to review while paused (resume checks again), nor ever once completed or cancelled.
            await RemoveReviewAsync();
            return;
        }
        await CompleteIfSettledAsync();
    }

    private partial async Task EvaluateRulesAsync(IReadOnlyCollection<string> changed)
    {
        if (Rules.Count == 0)
        {
            return;
        }
        if (changed.Count == 0)
        {
            await ReviewAsync();
            return;
        }
        var (agencyId, id) = Key;
        var rows = (await StorageCalls.Guard(() => ruleFirings.PublishedAsync(agencyId, changed)))
            .Where(r => r.CampaignId == id && r.PublishedAt is not null).ToList();
        if (rows.Count == 0)
        {
            return;
        }
        var ids = rows.Select(r => r.Id).ToList();
        var decided = await StorageCalls.Guard(() => ruleFirings.DecidedAsync(agencyId, id, ids));
        // atLeast rules read every snapshot taken within their window (the latest may be past it); atMost the latest.
        var widest = Rules.Where(r => r.AtLeast is not null).Select(r => r.ToCondition().Window).DefaultIfEmpty(TimeSpan.Zero).Max();
        var history = widest > TimeSpan.Zero
            ? (await StorageCalls.Guard(() => ruleFirings.SnapshotsWithinAsync(agencyId, ids, (long)widest.TotalMilliseconds)))
                .ToLookup(s => s.PushId, s => Observation(s.ToMetrics()))
            : Enumerable.Empty<RuleObservation>().ToLookup(_ => "");
        var now = clock.GetUtcNow();
        foreach (var row in rows)
        {
            for (var i = 0; i < Rules.Count; i++)
            {
                if (!decided.Contains((i, row.Id)))
                {
                    await DecideAsync(i, row, Rules[i].AtLeast is not null ? history[row.Id] : Latest(row), now);
                }
            }
        }
    }

    /// <summary>
    /// Called by every completion check of a running campaign: reviews the rules, then keeps the campaign running
    /// while a rule window is still open (a winner may yet be amplified), with a durable trigger at the next window's end.
    /// </summary>
    private async Task<bool> RulesHoldCompletionAsync()
    {
        if (Rules.Count == 0)
        {
            return false;
        }
        await ReviewAsync();
        var (agencyId, id) = Key;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        long? next = null;
        for (var i = 0; i < Rules.Count; i++)
        {
            var (rule, window) = (i, WindowMilliseconds(Rules[i]));
            if (await StorageCalls.Guard(() => ruleFirings.NextWindowEndAsync(agencyId, id, rule, window, now)) is { } end)
            {
                next = Math.Min(next ?? end, end);
            }
        }
        if (next is null)
        {
            await RemoveReviewAsync();
            return false;
        }
        var at = DateTimeOffset.FromUnixTimeMilliseconds(next.Value);
        if (_reviewAt != at)
        {
            await ruleReviews.EnsureAsync(agencyId, id, at);
            _reviewAt = at;
        }
        return true;
    }

    private async Task RemoveReviewAsync()
    {
        if (_reviewAt != NoReview)
        {
            var (agencyId, id) = Key;
            await ruleReviews.RemoveAsync(agencyId, id);
            _reviewAt = NoReview;
        }
    }

    /// <summary>
    /// What time alone decides: finishes firings a crash interrupted, judges atMost rules whose windows have closed,
    /// and brings the planned count up to date.
    /// </summary>
    private async Task ReviewAsync()
    {
        var (agencyId, id) = Key;
        foreach (var unfinished in await StorageCalls.Guard(() => ruleFirings.UnfinishedAsync(agencyId, id)))
        {
            if (unfinished.RuleIndex < Rules.Count && await StorageCalls.Guard(() => pushQueries.GetAsync(agencyId, unfinished.PushId)) is { } source)
            {
                logger.LogInformation("Campaign {CampaignId}: finishing rule {Rule} for push {PushId}", id, unfinished.RuleIndex, source.Id);
                await FinishFiringAsync(unfinished.RuleIndex, source, unfinished.Value);
            }
        }

        var now = clock.GetUtcNow();
        for (var i = 0; i < Rules.Count; i++)
        {
            if (Rules[i].AtMost is null)
            {
                continue;
            }
            var (rule, window) = (i, WindowMilliseconds(Rules[i]));
            while (true)
            {
                var due = await StorageCalls.Guard(() => ruleFirings.ClosedUndecidedAsync(agencyId, id, rule, window, now.ToUnixTimeMilliseconds(), ReviewBatch));
                var judged = 0;
                foreach (var row in due)
                {
                    judged += await DecideAsync(i, row, Latest(row), now) ? 1 : 0;
                }
                // A full batch of pushes that cannot be judged yet (a rate without a denominator) would come back forever.
                if (due.Count < ReviewBatch || judged == 0)
                {
                    break;
                }
            }
        }
        await ReconcilePlannedAsync();
    }

    /// <summary>Judges one rule for one push and acts on the verdict; true when the rule decided (fired or passed).</summary>
    private async Task<bool> DecideAsync(int index, PushRow push, IEnumerable<RuleObservation> observations, DateTimeOffset now)
    {
        var (agencyId, id) = Key;
        var verdict = RuleEvaluation.Evaluate(Rules[index].ToCondition(), DateTimeOffset.FromUnixTimeMilliseconds(push.PublishedAt!.Value), observations, now);
        switch (verdict.Decision)
        {
            case RuleDecision.Fire:
                // The claim is the "at most once": only the caller whose insert made the row acts.
                if (await StorageCalls.Guard(() => ruleFirings.ClaimAsync(agencyId, id, index, push.Id, verdict.Value, now.ToUnixTimeMilliseconds())))
                {
                    await FinishFiringAsync(index, push, verdict.Value);
                }
                return true;
            case RuleDecision.Pass:
                await StorageCalls.Guard(() => ruleFirings.PassAsync(agencyId, id, index, push.Id, verdict.Value, now.ToUnixTimeMilliseconds()));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Carries out a claimed firing and completes it with its timeline event. Safe to run again for the same firing:
    /// the pushes it adds have derived ids and its cancellation is conditional, so a repeat adds or cancels nothing twice.
    /// </summary>
    private async Task FinishFiringAsync(int index, PushRow source, double? value)
    {
        var (agencyId, id) = Key;
        var rule = Rules[index];
        var (added, cancelled, what) = rule.Action == RuleAction.Amplify
            ? await AmplifyAsync(index, rule, source)
            : await StopAccountAsync(index, source);
        var detail = $"Rule {index} ({RuleWords.Describe(rule)}) fired for push {source.Id} of account {source.AccountId}: " +
            $"{RuleWords.Of(rule.Metric)} was {(value is { } v ? RuleWords.Number(v) : "unknown")}; {what}.";
        var timelineEvent = new CampaignEventRow { Id = Ids.New("evt", clock), At = clock.GetUtcNow().ToUnixTimeMilliseconds(), Type = "rule-fired", Detail = detail };
        if (await StorageCalls.Guard(() => ruleFirings.CompleteAsync(agencyId, id, index, source.Id, added, cancelled, timelineEvent)))
        {
            logger.LogInformation("Campaign {CampaignId}: rule {Rule} fired for push {PushId} ({Added} added, {Cancelled} cancelled)", id, index, source.Id, added, cancelled);
        }
        if (added > 0)
        {
            await ReconcilePlannedAsync();
        }
        if (cancelled > 0)
        {
            // Cancelling an account's last pushes may have settled the campaign.
            ScheduleCompletionCheck();
        }
    }

    /// <summary>
    /// Brings the planned count up to the pushes amplify rules have added. The total comes from the completed firings
    /// and the part already counted from the state, so a crash between completing a firing and saving is caught up.
    /// </summary>
    private async Task ReconcilePlannedAsync()
    {
        var (agencyId, id) = Key;
        var total = await StorageCalls.Guard(() => ruleFirings.AddedAsync(agencyId, id));
        var counted = state.State.RulePushesCounted;
        if (total == counted)
        {
            return;
        }
        state.State.RulePushesCounted = total;
        try
        {
            await SaveAsync(Current with { Planned = Current.Planned + total - counted }, null, "");
        }
        catch
        {
            state.State.RulePushesCounted = counted;
            throw;
        }
    }

    private static long WindowMilliseconds(AutomationRule rule) => (long)rule.ToCondition().Window.TotalMilliseconds;

    private static IEnumerable<RuleObservation> Latest(PushRow row) =>
        FeedbackRows.Latest(row) is { } latest ? [Observation(latest)] : [];

    private static RuleObservation Observation(MetricsRow m)
    {
        var s = FeedbackRows.ToSnapshot(m);
        return new RuleObservation(s.At, new EngagementSnapshot(s.Views, s.Likes, s.Comments, s.Shares, s.Clicks, s.Orders, s.Gmv));
    }
}
