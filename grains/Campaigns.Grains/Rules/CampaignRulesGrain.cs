
using Campaigns.Domain.Common;
using Campaigns.Domain.Feedback;
using Campaigns.Domain.Rules;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Rules;
using Campaigns.Grains.Campaigns;
using Campaigns.Grains.Common;
using Campaigns.Grains.Feedback;
using Campaigns.Scheduling.Rules;
using Campaigns.Scheduling;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Feedback;
using Campaigns.Storage.Pushes;
using Campaigns.Storage.Rules;
using Microsoft.Extensions.Logging;
namespace Campaigns.Grains.Rules;

/// <summary>
/// A campaign's automation rules: amplify a winner, stop an underperforming account. Each rule decides at most once per
/// push: the decision is a row of <c>rule_firings</c> claimed before acting (its durable state, see
/// <see cref="RuleFiringStore"/>), the action is idempotent (derived push ids, conditional updates), and a firing
/// interrupted by a crash is finished by the next review. <c>atLeast</c> rules are judged when engagement arrives;
/// <c>atMost</c> rules when their window has closed, on engagement or on a review (each completion check of the
/// campaign, and a durable trigger at the next window's end). The rules and the status come from the campaign grain.
/// </summary>
public sealed class CampaignRulesGrain : Grain, ICampaignRulesGrain
{
    /// <summary>Pushes judged per rule per query of a review.</summary>
    private const int ReviewBatch = 500;

    /// <summary>Stands for "no review trigger" in <see cref="_reviewAt"/>.</summary>
    private static readonly DateTimeOffset NoReview = DateTimeOffset.MaxValue;

    private readonly RuleFiringStore _firings;
    private readonly RuleActions _actions;
    private readonly RuleReviewTriggers _reviews;
    private readonly TimeProvider _clock;
    private readonly ILogger<CampaignRulesGrain> _logger;

    /// <summary>Whether a firing of the current call cancelled pushes (the campaign may have settled).</summary>
    private bool _cancelled;

    /// <summary>The review instant this activation last handed to the scheduler; null when not known.</summary>
    private DateTimeOffset? _reviewAt;

    public CampaignRulesGrain(RuleFiringStore firings, RuleActions actions, RuleReviewTriggers reviews, TimeProvider clock, ILogger<CampaignRulesGrain> logger)
    {
        (_firings, _actions, _reviews, _clock, _logger) = (firings, actions, reviews, clock, logger);
    }

    private (string AgencyId, string Id) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private ICampaignGrain Campaign => GrainFactory.GetGrain<ICampaignGrain>(this.GetPrimaryKeyString());

    public async Task ReviewRules()
    {
        // Whatever the review finds next is scheduled again: the instant that called has passed.
        _reviewAt = null;
        if (await Campaign.Peek() is not { Status: CampaignStatus.Running })
        {
            // Nothing to review while paused (resume checks again), nor ever once completed or cancelled.
            await RemoveReviewAsync();
            return;
        }
        // The completion check asks HoldsCompletion, which reviews; should it fail, this trigger repeats.
        await Campaign.CheckCompletion();
    }

    public async Task<RulesVerdict> HoldsCompletion()
    {
        _cancelled = false;
        if (await Campaign.Peek() is not { Definition.Rules: { Count: > 0 } rules } campaign)
        {
            return new RulesVerdict(false, 0);
        }
        await ReviewAsync(campaign, rules);
        var (agencyId, id) = Key;
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        long? next = null;
        for (var i = 0; i < rules.Count; i++)
        {
            var (rule, window) = (i, WindowMilliseconds(rules[i]));
            if (await StorageCalls.Guard(() => _firings.NextWindowEndAsync(agencyId, id, rule, window, now)) is { } end)
            {
                next = Math.Min(next ?? end, end);
            }
        }
        if (next is null)
        {
            await RemoveReviewAsync();
            return await VerdictAsync(holds: false);
        }
        // A window is still open: the campaign keeps running (a late winner may yet be amplified) until it closes.
        var at = DateTimeOffset.FromUnixTimeMilliseconds(next.Value);
        if (_reviewAt != at)
        {
            await StorageCalls.Guard(() => _reviews.EnsureAsync(agencyId, id, at));
            _reviewAt = at;
        }
        return await VerdictAsync(holds: true);
    }

    public async Task<RulesVerdict> Evaluate(List<string> pushIds)
    {
        _cancelled = false;
        if (await Campaign.Peek() is not { Status: CampaignStatus.Running or CampaignStatus.Scheduled, Definition.Rules: { Count: > 0 } rules } campaign)
        {
            return new RulesVerdict(false, 0);
        }
        var (agencyId, id) = Key;
        var rows = (await StorageCalls.Guard(() => _firings.PublishedAsync(agencyId, pushIds)))
            .Where(r => r.CampaignId == id && r.PublishedAt is not null).ToList();
        if (rows.Count == 0)
        {
            return await VerdictAsync(holds: false);
        }
        var ids = rows.Select(r => r.Id).ToList();
        var decided = await StorageCalls.Guard(() => _firings.DecidedAsync(agencyId, id, ids));
        // atLeast rules read every snapshot taken within their window (the latest may be past it); atMost the latest.
        var widest = rules.Where(r => r.AtLeast is not null).Select(r => r.ToCondition().Window).DefaultIfEmpty(TimeSpan.Zero).Max();
        var history = widest > TimeSpan.Zero
            ? (await StorageCalls.Guard(() => _firings.SnapshotsWithinAsync(agencyId, ids, (long)widest.TotalMilliseconds)))
                .ToLookup(s => s.PushId, s => Observation(s.ToMetrics()))
            : Enumerable.Empty<RuleObservation>().ToLookup(_ => "");
        var now = _clock.GetUtcNow();
        foreach (var row in rows)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                if (!decided.Contains((i, row.Id)))
                {
                    await DecideAsync(campaign, i, row, rules[i].AtLeast is not null ? history[row.Id] : Latest(row), now);
                }
            }
        }
        return await VerdictAsync(holds: false);
    }

    /// <summary>The pushes added by every completed firing, read from <c>rule_firings</c> (so a crash never loses one).</summary>
    private async Task<RulesVerdict> VerdictAsync(bool holds)
    {
        var added = await StorageCalls.Guard(() => _firings.AddedAsync(Key.AgencyId, Key.Id));
        return new RulesVerdict(holds, added, _cancelled);
    }

    private async Task RemoveReviewAsync()
    {
        if (_reviewAt != NoReview)
        {
            await StorageCalls.Guard(() => _reviews.RemoveAsync(Key.AgencyId, Key.Id));
            _reviewAt = NoReview;
        }
    }

    /// <summary>What time alone decides: finishes firings a crash interrupted, and judges atMost rules whose windows have closed.</summary>
    private async Task ReviewAsync(CampaignSnapshot campaign, IReadOnlyList<AutomationRule> rules)
    {
        var (agencyId, id) = Key;
        foreach (var unfinished in await StorageCalls.Guard(() => _firings.UnfinishedAsync(agencyId, id)))
        {
            if (unfinished.RuleIndex < rules.Count && await _actions.PushAsync(agencyId, unfinished.PushId) is { } source)
            {
                _logger.LogInformation("Campaign {CampaignId}: finishing rule {Rule} for push {PushId}", id, unfinished.RuleIndex, source.Id);
                await FinishFiringAsync(campaign, unfinished.RuleIndex, source, unfinished.Value);
            }
        }

        var now = _clock.GetUtcNow();
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].AtMost is null)
            {
                continue;
            }
            var (rule, window) = (i, WindowMilliseconds(rules[i]));
            while (true)
            {
                var due = await StorageCalls.Guard(() => _firings.ClosedUndecidedAsync(agencyId, id, rule, window, now.ToUnixTimeMilliseconds(), ReviewBatch));
                var judged = 0;
                foreach (var row in due)
                {
                    judged += await DecideAsync(campaign, i, row, Latest(row), now) ? 1 : 0;
                }
                // A full batch of pushes that cannot be judged yet (a rate without a denominator) would come back forever.
                if (due.Count < ReviewBatch || judged == 0)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Judges one rule for one push and acts on the verdict; true when the rule decided (fired or passed).</summary>
    private async Task<bool> DecideAsync(CampaignSnapshot campaign, int index, PushRow push, IEnumerable<RuleObservation> observations, DateTimeOffset now)
    {
        var (agencyId, id) = Key;
        var rule = campaign.Definition.Rules![index];
        var verdict = RuleEvaluation.Evaluate(rule.ToCondition(), DateTimeOffset.FromUnixTimeMilliseconds(push.PublishedAt!.Value), observations, now);
        switch (verdict.Decision)
        {
            case RuleDecision.Fire:
                // The claim is the "at most once": only the caller whose insert made the row acts.
                if (await StorageCalls.Guard(() => _firings.ClaimAsync(agencyId, id, index, push.Id, verdict.Value, now.ToUnixTimeMilliseconds())))
                {
                    await FinishFiringAsync(campaign, index, push, verdict.Value);
                }
                return true;
            case RuleDecision.Pass:
                await StorageCalls.Guard(() => _firings.PassAsync(agencyId, id, index, push.Id, verdict.Value, now.ToUnixTimeMilliseconds()));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Carries out a claimed firing and completes it with its timeline event, in one transaction. Safe to run again for
    /// the same firing: the pushes it adds have derived ids and its cancellation is conditional.
    /// </summary>
    private async Task FinishFiringAsync(CampaignSnapshot campaign, int index, PushRow source, double? value)
    {
        var (agencyId, id) = Key;
        var rule = campaign.Definition.Rules![index];
        var (added, cancelled, what) = rule.Action == RuleAction.Amplify
            ? await _actions.AmplifyAsync(campaign, index, rule, source)
            : await _actions.StopAccountAsync(campaign, index, source);
        var detail = $"Rule {index} ({RuleWords.Describe(rule)}) fired for push {source.Id} of account {source.AccountId}: " +
            $"{RuleWords.Of(rule.Metric)} was {(value is { } v ? RuleWords.Number(v) : "unknown")}; {what}.";
        var timelineEvent = new CampaignEventRow { Id = Ids.New("evt", _clock), At = _clock.GetUtcNow().ToUnixTimeMilliseconds(), Type = "rule-fired", Detail = detail };
        if (await StorageCalls.Guard(() => _firings.CompleteAsync(agencyId, id, index, source.Id, added, cancelled, timelineEvent)))
        {
            _logger.LogInformation("Campaign {CampaignId}: rule {Rule} fired for push {PushId} ({Added} added, {Cancelled} cancelled)", id, index, source.Id, added, cancelled);
        }
        _cancelled |= cancelled > 0;
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
