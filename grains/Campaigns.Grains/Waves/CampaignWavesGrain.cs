
using Campaigns.Domain.Waves;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Waves;
using Campaigns.Grains.Campaigns;
using Campaigns.Grains.Common;
using Microsoft.Extensions.Logging;
namespace Campaigns.Grains.Waves;

/// <summary>
/// A celebrity tie-in's gated waves, released by engagement or by their timeout. Later waves' pushes are stored at
/// launch, gated. A decision is written to this grain's state first (with its timeline event) and then applied to the
/// pushes table with conditional updates, so a crash in between is repaired by applying again, and no wave is released
/// twice. Gates are reviewed when engagement arrives, on a grain timer while a gate waits, and by a durable Quartz
/// trigger at each gate's deadline (which also wakes this grain after a restart).
/// </summary>
public sealed class CampaignWavesGrain : Grain, ICampaignWavesGrain
{
    /// <summary>How often a waiting gate re-reads its totals (engagement normally reviews it sooner).</summary>
    private static readonly TimeSpan GateReview = TimeSpan.FromSeconds(20);

    /// <summary>Reviewing a gate this soon after its deadline absorbs the timer's own jitter.</summary>
    private static readonly TimeSpan DeadlineSlack = TimeSpan.FromMilliseconds(50);

    /// <summary>Engagement reported within this long is reviewed together.</summary>
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(100);

    private readonly IPersistentState<WavesState> _state;
    private readonly WaveActions _actions;
    private readonly CampaignJournal _journal;
    private readonly TimeProvider _clock;
    private readonly ILogger<CampaignWavesGrain> _logger;
    private readonly OneShotTimer _soon;
    private IGrainTimer? _periodic;

    /// <summary>False until this activation has made the pushes table match the decisions in state.</summary>
    private bool _applied;

    public CampaignWavesGrain(
        [PersistentState("waves", StorageNames.Campaigns)] IPersistentState<WavesState> state,
        WaveActions actions, CampaignJournal journal, TimeProvider clock, ILogger<CampaignWavesGrain> logger)
    {
        (_state, _actions, _journal, _clock, _logger) = (state, actions, journal, clock, logger);
        _soon = new OneShotTimer(this, () => ReviewLoggingFaultsAsync());
    }

    private (string AgencyId, string Id) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private ICampaignGrain Campaign => GrainFactory.GetGrain<ICampaignGrain>(this.GetPrimaryKeyString());

    public async Task Prepare()
    {
        if (await Campaign.Peek() is not { Definition.TieIn: { } tieIn })
        {
            return;
        }
        var (agencyId, id) = Key;
        var summaries = await _actions.SummariesAsync(agencyId, id);
        var progress = new TieInProgress
        {
            Pushes = Enumerable.Range(0, tieIn.Waves.Count + 1).Select(w => summaries.FirstOrDefault(s => s.Wave == w)?.Pushes ?? 0).ToList(),
            ReleasedAt = [DateTimeOffset.FromUnixTimeMilliseconds(summaries.First(s => s.Wave == 0).FirstAt)],
        };
        await WriteAsync(progress);
        _applied = true;
        var deadline = WaveGates.Deadline(Rule(tieIn, 1), progress.ReleasedAt[0]);
        await _actions.ArmDeadlineAsync(agencyId, id, 1, deadline);
        // The campaign is still a draft until its launch is saved: the first review waits a period (or the deadline).
        ArmPeriodic(NextReview(deadline));
    }

    public Task Review() => EvaluateAsync();

    public Task ReviewSoon()
    {
        _soon.Arm(Coalesce);
        return Task.CompletedTask;
    }

    public Task<WaveProgress?> Progress() => Task.FromResult(_state.State.Progress is { } p ? new WaveProgress([.. p.Pushes], [.. p.ReleasedAt], p.StoppedAt) : null);

    public async Task Adopt(WaveProgress progress)
    {
        if (_state.State.Progress is not null)
        {
            return;
        }
        await WriteAsync(new TieInProgress { Pushes = [.. progress.Pushes], ReleasedAt = [.. progress.ReleasedAt], StoppedAt = progress.StoppedAt });
        _applied = false; // the next review applies every adopted decision again before deciding anything new
        _logger.LogInformation("Campaign {CampaignId}: waves adopted from the campaign's earlier state", Key.Id);
    }

    private async Task WriteAsync(TieInProgress progress)
    {
        var previous = _state.State.Progress;
        _state.State.Progress = progress;
        try
        {
            await StorageCalls.Guard(_state.WriteStateAsync);
        }
        catch
        {
            _state.State.Progress = previous;
            throw;
        }
    }

    /// <summary>The next periodic review: a period from now, or just after the deadline if that comes first.</summary>
    private TimeSpan NextReview(DateTimeOffset deadline)
    {
        var untilDeadline = deadline - _clock.GetUtcNow() + DeadlineSlack;
        return untilDeadline < TimeSpan.Zero ? TimeSpan.Zero : untilDeadline < GateReview ? untilDeadline : GateReview;
    }

    private void ArmPeriodic(TimeSpan dueTime)
    {
        if (_periodic is null)
        {
            _periodic = this.RegisterGrainTimer(_ => ReviewLoggingFaultsAsync(), new GrainTimerCreationOptions(dueTime, GateReview));
        }
        else
        {
            _periodic.Change(dueTime, GateReview);
        }
    }

    private void StopPeriodic()
    {
        var timer = _periodic;
        _periodic = null;
        timer?.Dispose();
    }

    private async Task ReviewLoggingFaultsAsync()
    {
        try
        {
            await EvaluateAsync();
        }
        catch (StorageUnavailableException ex)
        {
            _logger.LogWarning(ex, "Campaign {CampaignId}: gate review failed; the next review retries", Key.Id);
            ArmPeriodic(GateReview);
        }
    }

    private async Task EvaluateAsync()
    {
        if (_state.State.Progress is not { } progress || await Campaign.Peek() is not { Definition.TieIn: { } tieIn } campaign)
        {
            return;
        }
        await FlushAsync();
        if (campaign.Status is not (CampaignStatus.Scheduled or CampaignStatus.Running))
        {
            // Paused: decisions wait for the resume, which reviews at once. A draft (a launch not saved) or ended:
            // nothing to decide.
            if (campaign.Status is not CampaignStatus.Paused)
            {
                StopPeriodic();
            }
            return;
        }
        var (agencyId, id) = Key;
        if (!_applied)
        {
            await ApplyDecisionsAsync(progress, tieIn);
            _applied = true;
        }
        while (progress.Waiting is { } wave)
        {
            var rule = Rule(tieIn, wave);
            var source = progress.SourceOf(wave);
            var totals = await _actions.TotalsAsync(agencyId, id, source);
            var reading = new GateReading(totals.Published, totals.Views, totals.Likes, totals.Comments, totals.Shares);
            var since = progress.ReleasedAt[wave - 1];
            var now = _clock.GetUtcNow();
            var verdict = WaveGates.Decide(rule, reading, since, now);
            if (verdict == GateVerdict.Wait)
            {
                // Next review: at the deadline if that comes first, so a timeout is not late by a whole period.
                ArmPeriodic(NextReview(WaveGates.Deadline(rule, since)));
                return;
            }
            var numbers = WaveGates.Numbers(wave, source, rule, reading, now - since);
            // Until the decision is applied and the next deadline armed: should anything below fail, the next review
            // applies every decision in state again before deciding anything new.
            _applied = false;
            if (verdict == GateVerdict.TimedOutStop)
            {
                await StopRolloutAsync(progress, wave, numbers);
            }
            else
            {
                await ReleaseWaveAsync(progress, wave, now, verdict, numbers);
            }
            await _actions.DisarmDeadlineAsync(agencyId, id, wave);
            await ArmDeadlineAsync(progress, tieIn);
            _applied = true;
        }
        StopPeriodic();
    }

    private async Task ReleaseWaveAsync(TieInProgress progress, int wave, DateTimeOffset at, GateVerdict verdict, string numbers)
    {
        var type = verdict == GateVerdict.Open ? "gate-opened" : "gate-timeout-released";
        var why = verdict == GateVerdict.Open ? "its gate holds" : "its gate timed out and says release";
        await DecideAsync(() => progress.ReleasedAt.Add(at), () => progress.ReleasedAt.RemoveAt(wave), _journal.Event(type,
            $"Wave {wave} released ({why}; {Pushes(progress.Pushes[wave])}, first due at once): {numbers}."));
        await _actions.ReleaseAsync(Key.AgencyId, Key.Id, wave, at, ensureAlways: true);
        _logger.LogInformation("Campaign {CampaignId}: wave {Wave} released ({Type})", Key.Id, wave, type);
    }

    private async Task StopRolloutAsync(TieInProgress progress, int wave, string numbers)
    {
        var remaining = progress.Pushes.Skip(wave).Sum();
        var last = progress.Pushes.Count - 1;
        var waves = last == wave ? $"wave {wave}" : $"waves {wave} to {last}";
        await DecideAsync(() => progress.StoppedAt = wave, () => progress.StoppedAt = null, _journal.Event("gate-timeout-stopped",
            $"Rollout stopped at wave {wave} (its gate timed out and says stop); {waves} not released, {Pushes(remaining)} cancelled: {numbers}."));
        await StopAsync(wave);
        _logger.LogInformation("Campaign {CampaignId}: rollout stopped at wave {Wave}", Key.Id, wave);
    }

    /// <summary>Makes a decision durable with its timeline event (state first, then the timeline); an unsaved decision is undone in memory.</summary>
    private async Task DecideAsync(Action decide, Action undo, TimelineEvent timelineEvent)
    {
        decide();
        _state.State.Unsent.Add(timelineEvent);
        try
        {
            await StorageCalls.Guard(_state.WriteStateAsync);
        }
        catch
        {
            undo();
            _state.State.Unsent.Remove(timelineEvent);
            throw;
        }
        await FlushAsync();
    }

    /// <summary>Sends the timeline events written with decisions; failures are retried by the next review.</summary>
    private async Task FlushAsync()
    {
        try
        {
            await _journal.AppendAsync(Key.AgencyId, Key.Id, _state.State.Unsent);
            _state.State.Unsent.Clear();
        }
        catch (StorageUnavailableException ex)
        {
            _logger.LogWarning(ex, "Campaign {CampaignId}: {Count} gate events not in the timeline yet; the next review retries", Key.Id, _state.State.Unsent.Count);
        }
    }

    private async Task StopAsync(int wave)
    {
        await _actions.StopAsync(Key.AgencyId, Key.Id, wave);
        // The released pushes may all have settled already: nothing else would look at completion.
        Campaign.CheckCompletion().Ignore();
    }

    /// <summary>After a restart: every decision in state is applied again (each apply is idempotent), and the waiting gate's trigger kept.</summary>
    private async Task ApplyDecisionsAsync(TieInProgress progress, TieInStrategy tieIn)
    {
        for (var wave = 1; wave <= progress.Released; wave++)
        {
            await _actions.ReleaseAsync(Key.AgencyId, Key.Id, wave, progress.ReleasedAt[wave], ensureAlways: false);
        }
        if (progress.StoppedAt is { } stopped)
        {
            await StopAsync(stopped);
        }
        await ArmDeadlineAsync(progress, tieIn);
    }

    private async Task ArmDeadlineAsync(TieInProgress progress, TieInStrategy tieIn)
    {
        if (progress.Waiting is { } wave)
        {
            await _actions.ArmDeadlineAsync(Key.AgencyId, Key.Id, wave, WaveGates.Deadline(Rule(tieIn, wave), progress.ReleasedAt[wave - 1]));
        }
    }

    /// <summary>The gate of <paramref name="wave"/> (1 = the first of the definition's waves).</summary>
    private static WaveGateRule Rule(TieInStrategy tieIn, int wave)
    {
        var gate = tieIn.Waves[wave - 1].Gate;
        return new WaveGateRule(gate.MinViews, gate.MinEngagementRate, TimeSpan.FromMinutes(gate.MaxWaitMinutes), gate.OnTimeout == GateTimeout.Stop);
    }

    private static string Pushes(int count) => count == 1 ? "1 push" : $"{count} pushes";
}
