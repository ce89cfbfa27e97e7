using Campaigns.Domain.TieIn;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Common;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Pushes;
using Microsoft.Extensions.Logging;

namespace Campaigns.Grains.Campaigns;

/// <summary>
/// The celebrity tie-in: gated waves released by engagement or by their timeout. Later waves' pushes are stored at
/// launch, gated. A decision is written to the grain's state first and then applied to the pushes table with
/// conditional updates, so a crash in between is repaired by applying again, and no wave is released twice.
/// Gates are reviewed when feedback arrives, on a grain timer while a gate waits, and by a durable Quartz trigger
/// at each gate's deadline (which also wakes a deactivated grain after a restart).
/// </summary>
public sealed partial class CampaignGrain
{
    /// <summary>How often a waiting gate re-reads its totals (feedback normally reviews it sooner).</summary>
    private static readonly TimeSpan GateReview = TimeSpan.FromSeconds(20);

    /// <summary>Reviewing a gate this soon after its deadline absorbs the timer's own jitter.</summary>
    private static readonly TimeSpan DeadlineSlack = TimeSpan.FromMilliseconds(50);

    private IGrainTimer? _waveTimer;

    /// <summary>False until this activation has made the pushes table match the decisions in state.</summary>
    private bool _wavesApplied;

    public Task ReviewWaves() => EvaluateWavesAsync([]);

    /// <summary>At launch: later waves' pushes are gated, each with its offset from its wave's first push.</summary>
    private void MarkGatedWaves(List<PushRow> rows)
    {
        if (Current.Definition.Kind != StrategyKind.CelebrityTieIn)
        {
            return;
        }
        foreach (var wave in rows.Where(r => r.Wave > 0).GroupBy(r => r.Wave))
        {
            var first = wave.Min(r => r.ScheduledAt);
            foreach (var row in wave)
            {
                row.Gated = 1;
                row.WaveOffset = row.ScheduledAt - first;
            }
        }
    }

    /// <summary>
    /// At launch, once the pushes are stored: the waves' progress from what the table holds (a launch repeated after
    /// a crash keeps the first rows), wave 1's deadline trigger, and the review timer. Saved with the launch.
    /// </summary>
    private async Task PrepareWavesAsync()
    {
        if (Current.Definition is not { Kind: StrategyKind.CelebrityTieIn, TieIn: { } tieIn })
        {
            return;
        }
        var (agencyId, id) = Key;
        var summaries = await StorageCalls.Guard(() => wavePushes.WaveSummariesAsync(agencyId, id));
        var progress = new TieInProgress
        {
            Pushes = Enumerable.Range(0, tieIn.Waves.Count + 1).Select(w => summaries.FirstOrDefault(s => s.Wave == w)?.Pushes ?? 0).ToList(),
            ReleasedAt = [DateTimeOffset.FromUnixTimeMilliseconds(summaries.First(s => s.Wave == 0).FirstAt)],
        };
        state.State.TieIn = progress;
        _wavesApplied = true;
        await ArmDeadlineAsync(progress, tieIn);
        // Not ReviewWavesSoon: the campaign is still a draft until the launch is saved.
        ArmWaveTimer(NextReview(WaveGates.Deadline(Rule(tieIn, 1), progress.ReleasedAt[0])));
    }

    /// <summary>The next periodic review: a period from now, or just after the deadline if that comes first.</summary>
    private TimeSpan NextReview(DateTimeOffset deadline)
    {
        var untilDeadline = deadline - clock.GetUtcNow() + DeadlineSlack;
        return untilDeadline < TimeSpan.Zero ? TimeSpan.Zero : untilDeadline < GateReview ? untilDeadline : GateReview;
    }

    /// <summary>On activation and on resume: review the tie-in's gates shortly (and repair what a crash left undone).</summary>
    private void ReviewWavesSoon(TimeSpan dueTime)
    {
        if (state.State.TieIn is null || state.State.Campaign?.Status is not (CampaignStatus.Scheduled or CampaignStatus.Running or CampaignStatus.Paused))
        {
            return;
        }
        ArmWaveTimer(dueTime);
    }

    private void ArmWaveTimer(TimeSpan dueTime)
    {
        if (_waveTimer is null)
        {
            _waveTimer = this.RegisterGrainTimer(OnWaveTimerAsync, new GrainTimerCreationOptions(dueTime, GateReview));
        }
        else
        {
            _waveTimer.Change(dueTime, GateReview);
        }
    }

    private async Task OnWaveTimerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EvaluateWavesAsync([]);
        }
        catch (StorageUnavailableException ex)
        {
            logger.LogWarning(ex, "Campaign {CampaignId}: gate review failed; the next review retries", Key.Id);
        }
    }

    private partial async Task EvaluateWavesAsync(IReadOnlyCollection<string> changed)
    {
        if (state.State.TieIn is not { } progress || state.State.Campaign is not { Definition.TieIn: { } tieIn } campaign)
        {
            return;
        }
        if (campaign.Status is not (CampaignStatus.Scheduled or CampaignStatus.Running))
        {
            // Paused: decisions wait for the resume, which reviews at once. Ended (or a launch that was not saved):
            // nothing to decide.
            if (campaign.Status is not CampaignStatus.Paused)
            {
                StopWaveTimer();
            }
            return;
        }
        if (!_wavesApplied)
        {
            await ApplyDecisionsAsync(progress, tieIn);
            _wavesApplied = true;
        }
        var (agencyId, id) = Key;
        while (progress.Waiting is { } wave)
        {
            var rule = Rule(tieIn, wave);
            var source = progress.SourceOf(wave);
            var totals = await StorageCalls.Guard(() => wavePushes.WaveTotalsAsync(agencyId, id, source));
            var reading = new GateReading(totals.Published, totals.Views, totals.Likes, totals.Comments, totals.Shares);
            var since = progress.ReleasedAt[wave - 1];
            var now = clock.GetUtcNow();
            var verdict = WaveGates.Decide(rule, reading, since, now);
            if (verdict == GateVerdict.Wait)
            {
                // Next review: at the deadline if that comes first, so a timeout is not late by a whole period.
                ReviewWavesSoon(NextReview(WaveGates.Deadline(rule, since)));
                return;
            }
            var numbers = WaveGates.Numbers(wave, source, rule, reading, now - since);
            // Until the decision is applied and the next deadline armed: should anything below fail, the next
            // review applies every decision in state again before deciding anything new.
            _wavesApplied = false;
            if (verdict == GateVerdict.TimedOutStop)
            {
                await StopRolloutAsync(progress, wave, numbers);
            }
            else
            {
                await ReleaseWaveAsync(progress, wave, now, verdict, numbers);
            }
            await gates.DisarmAsync(agencyId, id, wave);
            await ArmDeadlineAsync(progress, tieIn);
            _wavesApplied = true;
        }
        StopWaveTimer();
    }

    private async Task ReleaseWaveAsync(TieInProgress progress, int wave, DateTimeOffset at, GateVerdict verdict, string numbers)
    {
        var type = verdict == GateVerdict.Open ? "gate-opened" : "gate-timeout-released";
        var why = verdict == GateVerdict.Open ? "its gate holds" : "its gate timed out and says release";
        await DecideAsync(() => progress.ReleasedAt.Add(at), () => progress.ReleasedAt.RemoveAt(wave), type,
            $"Wave {wave} released ({why}; {Pushes(progress.Pushes[wave])}, first due at once): {numbers}.");
        await ApplyReleaseAsync(wave, at, ensureAlways: true);
        logger.LogInformation("Campaign {CampaignId}: wave {Wave} released ({Type})", Key.Id, wave, type);
    }

    private async Task StopRolloutAsync(TieInProgress progress, int wave, string numbers)
    {
        var remaining = progress.Pushes.Skip(wave).Sum();
        var last = progress.Pushes.Count - 1;
        var waves = last == wave ? $"wave {wave}" : $"waves {wave} to {last}";
        await DecideAsync(() => progress.StoppedAt = wave, () => progress.StoppedAt = null, "gate-timeout-stopped",
            $"Rollout stopped at wave {wave} (its gate timed out and says stop); {waves} not released, {Pushes(remaining)} cancelled: {numbers}.");
        await ApplyStopAsync(wave);
        logger.LogInformation("Campaign {CampaignId}: rollout stopped at wave {Wave}", Key.Id, wave);
    }

    /// <summary>Makes a decision durable (state first, then the timeline); an unsaved decision is undone in memory.</summary>
    private async Task DecideAsync(Action decide, Action undo, string type, string detail)
    {
        decide();
        try
        {
            await StorageCalls.Guard(state.WriteStateAsync);
        }
        catch
        {
            undo();
            throw;
        }
        await AppendEventAsync(type, detail);
    }

    /// <summary>
    /// Re-times and ungates a released wave's pushes (conditional: rows already released are left alone) and ensures
    /// their triggers. On a repair, triggers are ensured only when rows changed now: rows released before the crash
    /// had theirs ensured then, or are picked up by the sweeper.
    /// </summary>
    private async Task ApplyReleaseAsync(int wave, DateTimeOffset at, bool ensureAlways)
    {
        var (agencyId, id) = Key;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var held = Current.Status == CampaignStatus.Paused;
        var release = await StorageCalls.Guard(() => wavePushes.ReleaseWaveAsync(agencyId, id, wave, at.ToUnixTimeMilliseconds(), held, now));
        if (ensureAlways || release.Released > 0)
        {
            await triggers.EnsureReleasedAsync(release.DueInstants, now);
        }
    }

    private async Task ApplyStopAsync(int wave)
    {
        var (agencyId, id) = Key;
        var reason = $"Not released: the tie-in stopped when wave {wave}'s gate timed out.";
        await StorageCalls.Guard(() => wavePushes.CancelGatedAsync(agencyId, id, reason, clock.GetUtcNow().ToUnixTimeMilliseconds()));
        // The released pushes may all have settled already: nothing else would look at completion.
        ScheduleCompletionCheck();
    }

    /// <summary>After a restart: every decision in state is applied again (each apply is idempotent), and the waiting gate's trigger kept.</summary>
    private async Task ApplyDecisionsAsync(TieInProgress progress, TieInStrategy tieIn)
    {
        for (var wave = 1; wave <= progress.Released; wave++)
        {
            await ApplyReleaseAsync(wave, progress.ReleasedAt[wave], ensureAlways: false);
        }
        if (progress.StoppedAt is { } stopped)
        {
            await ApplyStopAsync(stopped);
        }
        await ArmDeadlineAsync(progress, tieIn);
    }

    private async Task ArmDeadlineAsync(TieInProgress progress, TieInStrategy tieIn)
    {
        if (progress.Waiting is { } wave)
        {
            var (agencyId, id) = Key;
            await gates.ArmAsync(agencyId, id, wave, WaveGates.Deadline(Rule(tieIn, wave), progress.ReleasedAt[wave - 1]));
        }
    }

    private void StopWaveTimer()
    {
        var timer = _waveTimer;
        _waveTimer = null;
        timer?.Dispose();
    }

    /// <summary>The gate of <paramref name="wave"/> (1 = the first of the definition's waves).</summary>
    private static WaveGateRule Rule(TieInStrategy tieIn, int wave)
    {
        var gate = tieIn.Waves[wave - 1].Gate;
        return new WaveGateRule(gate.MinViews, gate.MinEngagementRate, TimeSpan.FromMinutes(gate.MaxWaitMinutes), gate.OnTimeout == GateTimeout.Stop);
    }
}
