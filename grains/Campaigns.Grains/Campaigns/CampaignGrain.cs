using System.Text.Json;
using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Common;
using Campaigns.Scheduling;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Pushes;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Campaigns.Grains.Campaigns;

/// <summary>
/// One campaign: its lifecycle, the durable launch of its plan, and its timeline. Push counts are never kept here:
/// they are read from the pushes table, so ten thousand publishes do not mean ten thousand campaign writes.
/// </summary>
public sealed partial class CampaignGrain(
    [PersistentState("campaign", StorageNames.Campaigns)] IPersistentState<CampaignState> state,
    CampaignStore campaigns,
    OwnerPushes pushes,
    PushQueries pushQueries,
    WavePushes wavePushes,
    PushTriggers triggers,
    GateDeadlines gates,
    IAmplifyPlanner amplifier,
    RuleFiringStore ruleFirings,
    RuleReviewTriggers ruleReviews,
    TimeProvider clock,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain
{
    private static readonly TimeSpan CompletionCheck = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a pause or cancel waits for pushes already publishing: the longest a connector may take (the
    /// webhook's total timeout), and below Orleans' 30 s response timeout so the command itself still answers.
    /// </summary>
    private static readonly TimeSpan InFlightLimit = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan FeedbackSettle = TimeSpan.FromMilliseconds(100);

    private IGrainTimer? _completionTimer;

    private IGrainTimer? _feedbackTimer;

    /// <summary>Pushes whose latest snapshot changed since the last evaluation.</summary>
    private readonly HashSet<string> _feedbackPushes = [];

    /// <summary>Pushes told to fire whose outcome is not recorded yet. In memory: a push whose silo dies is re-fired by the sweeper and asks again.</summary>
    private readonly HashSet<string> _inFlight = [];

    /// <summary>True while a resume is releasing held pushes and has not yet saved the new status.</summary>
    private bool _resuming;

    /// <summary>Completed when the last push in flight ends; created by a pause or cancel waiting for it.</summary>
    private TaskCompletionSource? _landed;

    private (string AgencyId, string Id) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A running campaign reactivated (after a restart) may have settled while nobody was watching.
        if (state.State.Campaign?.Status == CampaignStatus.Running)
        {
            ScheduleCompletionCheck();
        }
        ReviewWavesSoon(TimeSpan.FromSeconds(1));
        return base.OnActivateAsync(cancellationToken);
    }

    public Task<CampaignSnapshot?> Get() => Task.FromResult(state.State.Campaign);

    public async Task<Outcome<CampaignSnapshot>> Create(CampaignDefinition definition)
    {
        var (agencyId, id) = Key;
        if (state.State.Campaign is not null)
        {
            return Outcome<CampaignSnapshot>.Fail(ErrorKind.Conflict, $"Campaign {id} already exists.");
        }
        var now = clock.GetUtcNow();
        var campaign = await SaveAsync(new CampaignSnapshot(id, agencyId, definition, CampaignStatus.Draft, 0, now, now, null, 1),
            "created", $"Draft '{definition.Name}' created.");
        return Outcome<CampaignSnapshot>.Ok(campaign);
    }

    public async Task<Outcome<CampaignSnapshot>> Launch(List<LaunchPush> plan, List<string> warnings)
    {
        if (Refuse(CampaignStatus.Draft, "launched") is { } refusal)
        {
            return refusal;
        }
        if (plan.Count == 0)
        {
            return Outcome<CampaignSnapshot>.Fail(ErrorKind.Unprocessable, "The plan has no pushes to schedule.");
        }
        var (agencyId, id) = Key;
        var now = clock.GetUtcNow();
        var rows = plan.Select((p, i) => new PushRow
        {
            AgencyId = agencyId,
            Id = PushIds.For(id, i),
            CampaignId = id,
            AccountId = p.AccountId,
            VideoId = p.VideoId,
            Platform = p.Platform,
            Brand = state.State.Campaign!.Definition.Brand,
            Wave = p.Wave,
            Caption = p.Caption,
            Hashtags = JsonSerializer.Serialize(p.Hashtags),
            ScheduledAt = p.ScheduledAt.ToUnixTimeMilliseconds(),
            DueAt = p.ScheduledAt.ToUnixTimeMilliseconds(),
            UpdatedAt = now.ToUnixTimeMilliseconds(),
        }).ToList();
        MarkGatedWaves(rows);

        // Pushes and their triggers first, both idempotent; the campaign's own state last. A crash in between
        // leaves a draft whose next launch writes the same rows again.
        if (await InsertPushesAsync(rows, plan) is { } refused)
        {
            return refused;
        }
        await triggers.EnsureAsync(rows.Where(r => r.Gated == 0).Select(r => DateTimeOffset.FromUnixTimeMilliseconds(r.DueAt)));
        await PrepareWavesAsync();

        var first = plan.Min(p => p.ScheduledAt);
        var last = plan.Max(p => p.ScheduledAt);
        var launched = Current with { Status = CampaignStatus.Scheduled, Planned = plan.Count, LaunchedAt = now };
        var detail = $"{plan.Count} pushes scheduled from {first:O} to {last:O}" +
            (warnings.Count == 0 ? "." : $"; {warnings.Count} warnings: {string.Join(" ", warnings.Take(20))}");
        var saved = await SaveAsync(launched, "launched", detail);
        logger.LogInformation("Campaign {CampaignId} launched with {Count} pushes", id, plan.Count);
        return Outcome<CampaignSnapshot>.Ok(saved);
    }

    public async Task<Outcome<CampaignSnapshot>> Pause(string reason)
    {
        if (Refuse([CampaignStatus.Scheduled, CampaignStatus.Running], "paused") is { } refusal)
        {
            return refusal;
        }
        var (agencyId, id) = Key;
        var held = await StorageCalls.Guard(() => pushes.SetHeldAsync(agencyId, id, true, clock.GetUtcNow().ToUnixTimeMilliseconds()));
        state.State.PausedBy = reason;
        state.State.PausedFrom = Current.Status;
        var paused = await SaveAsync(Current with { Status = CampaignStatus.Paused }, "paused", $"Paused ({reason}); {held} pushes held.");
        await AwaitInFlightAsync();
        return Outcome<CampaignSnapshot>.Ok(paused);
    }

    public async Task<Outcome<CampaignSnapshot>> Resume(string reason)
    {
        if (Refuse(CampaignStatus.Paused, "resumed") is { } refusal)
        {
            return refusal;
        }
        if (reason == CampaignReasons.BrandFreeze && state.State.PausedBy != CampaignReasons.BrandFreeze)
        {
            return Outcome<CampaignSnapshot>.Fail(ErrorKind.Conflict, "Paused by hand, not by the brand freeze; resume it by hand.");
        }
        var (agencyId, id) = Key;
        var now = clock.GetUtcNow();
        // Released pushes may be claimed (by a trigger or the sweeper) and ask DecideFire before the new status is
        // saved; while resuming they hear "fire", not "hold", or they would be held again with nothing to release
        // them. Should the resume fail half-way, the flag drops and a released push that asks is held again.
        _resuming = true;
        CampaignSnapshot resumed;
        int released;
        try
        {
            released = await StorageCalls.Guard(() => pushes.SetHeldAsync(agencyId, id, false, now.ToUnixTimeMilliseconds()));
            var due = await StorageCalls.Guard(() => pushQueries.DueInstantsAsync(agencyId, id));
            await triggers.EnsureReleasedAsync(due, now.ToUnixTimeMilliseconds());
            state.State.PausedBy = null;
            // Back to where it was: a campaign paused before its first push fired is scheduled again, not running.
            var resumeTo = state.State.PausedFrom ?? CampaignStatus.Running;
            state.State.PausedFrom = null;
            resumed = await SaveAsync(Current with { Status = resumeTo }, "resumed", $"Resumed ({reason}); {released} pushes released.");
        }
        finally
        {
            _resuming = false;
        }
        ScheduleCompletionCheck();
        ReviewWavesSoon(TimeSpan.Zero);
        return Outcome<CampaignSnapshot>.Ok(resumed);
    }

    public async Task<Outcome<CampaignSnapshot>> Cancel(string reason)
    {
        if (Refuse([CampaignStatus.Draft, CampaignStatus.Scheduled, CampaignStatus.Running, CampaignStatus.Paused], "cancelled") is { } refusal)
        {
            return refusal;
        }
        var (agencyId, id) = Key;
        // The state first: a push about to publish asks DecideFire and must already hear "cancel".
        var cancelled = await SaveAsync(Current with { Status = CampaignStatus.Cancelled }, "cancelled", $"Cancelled ({reason}).");
        await AwaitInFlightAsync();
        var count = await StorageCalls.Guard(() => pushes.CancelScheduledAsync(agencyId, id, clock.GetUtcNow().ToUnixTimeMilliseconds()));
        await AppendEventAsync("pushes-cancelled", $"{count} pushes that had not fired were cancelled.");
        return Outcome<CampaignSnapshot>.Ok(cancelled);
    }

    public Task<FireDecision> DecideFire(string pushId)
    {
        var decision = state.State.Campaign?.Status switch
        {
            CampaignStatus.Paused when !_resuming => FireDecision.Hold,
            CampaignStatus.Cancelled or CampaignStatus.Completed or null => FireDecision.Cancel,
            _ => FireDecision.Fire,
        };
        if (decision == FireDecision.Fire)
        {
            _inFlight.Add(pushId);
        }
        return Task.FromResult(decision);
    }

    public Task FireEnded(string pushId)
    {
        if (_inFlight.Remove(pushId) && _inFlight.Count == 0)
        {
            _landed?.TrySetResult();
            _landed = null;
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Waits until every push told to fire before the status changed has recorded its outcome, so that once a pause
    /// or cancel answers nothing more is published. Bounded: a push on a silo that died never reports back; the
    /// sweeper fires it again later and then it hears the new status.
    /// </summary>
    private async Task AwaitInFlightAsync()
    {
        if (_inFlight.Count == 0)
        {
            return;
        }
        _landed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _landed.Task.WaitAsync(InFlightLimit, clock);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Campaign {CampaignId}: {Count} pushes still publishing after {Limit}; answering anyway", Key.Id, _inFlight.Count, InFlightLimit);
        }
    }

    public async Task PushSettled(string pushId, PushStatus status, string? detail)
    {
        if (state.State.Campaign is not { } campaign)
        {
            return;
        }
        await SettleExchangeAsync(pushId);
        if (campaign.Status == CampaignStatus.Scheduled)
        {
            await SaveAsync(campaign with { Status = CampaignStatus.Running }, "running", "The first push has fired.");
        }
        if (status is PushStatus.Failed or PushStatus.Skipped)
        {
            await AppendEventAsync($"push-{WireName<PushStatus>.Of(status)}", $"Push {pushId}: {detail}");
        }
        ScheduleCompletionCheck();
    }

    /// <summary>
    /// A push's latest engagement changed. Coalesced: the pushes reported within <see cref="FeedbackSettle"/> are
    /// evaluated together, so a feed of thousands of snapshots costs a handful of evaluations.
    /// </summary>
    public Task MetricsRecorded(string pushId)
    {
        if (state.State.Campaign is not { Status: CampaignStatus.Running or CampaignStatus.Scheduled or CampaignStatus.Paused })
        {
            return Task.CompletedTask;
        }
        _feedbackPushes.Add(pushId);
        _feedbackTimer ??= this.RegisterGrainTimer(OnFeedbackAsync, new GrainTimerCreationOptions(FeedbackSettle, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    private async Task OnFeedbackAsync(CancellationToken cancellationToken)
    {
        var timer = _feedbackTimer;
        _feedbackTimer = null;
        var changed = _feedbackPushes.ToList();
        _feedbackPushes.Clear();
        try
        {
            await EvaluateFeedbackAsync(changed);
        }
        finally
        {
            timer?.Dispose();
        }
    }

    /// <summary>
    /// Reacts to engagement: releases or stops gated waves (CampaignGrain.Waves.cs), then fires automation rules
    /// (CampaignGrain.Rules.cs). <paramref name="changed"/> lists the pushes whose snapshot changed; empty on a
    /// periodic review, which re-checks everything time alone can decide (gate timeouts, rule windows).
    /// </summary>
    private async Task EvaluateFeedbackAsync(IReadOnlyCollection<string> changed)
    {
        if (state.State.Campaign is not { Status: CampaignStatus.Running or CampaignStatus.Scheduled })
        {
            return;
        }
        await EvaluateWavesAsync(changed);
        await EvaluateRulesAsync(changed);
    }

    private partial Task EvaluateWavesAsync(IReadOnlyCollection<string> changed);

    private partial Task EvaluateRulesAsync(IReadOnlyCollection<string> changed);

    /// <summary>
    /// One check a second after pushes settle, not a poll: each settlement re-arms it, so a campaign whose pushes
    /// are spread over days costs nothing between them.
    /// </summary>
    private void ScheduleCompletionCheck() =>
        _completionTimer ??= this.RegisterGrainTimer(CheckCompletionAsync, new GrainTimerCreationOptions(CompletionCheck, Timeout.InfiniteTimeSpan));

    private async Task CheckCompletionAsync(CancellationToken cancellationToken)
    {
        // Forget the timer but let it finish this callback: disposing it here would cancel the token we are given.
        var timer = _completionTimer;
        _completionTimer = null;
        try
        {
            await CompleteIfSettledAsync();
        }
        finally
        {
            timer?.Dispose();
        }
    }

    private async Task CompleteIfSettledAsync()
    {
        var campaign = Current;
        if (campaign.Status != CampaignStatus.Running)
        {
            return;
        }
        if (await RulesHoldCompletionAsync())
        {
            return;
        }
        var (agencyId, id) = Key;
        var counts = await pushQueries.CountsAsync(agencyId, id);
        if (counts.GetValueOrDefault(PushStatus.Scheduled) + counts.GetValueOrDefault(PushStatus.Publishing) > 0)
        {
            return;
        }
        var summary = string.Join(", ", Enum.GetValues<PushStatus>().Where(counts.ContainsKey).Select(s => $"{counts[s]} {WireName<PushStatus>.Of(s)}"));
        // Current, not the copy read above: the rules' review may have saved since (the planned count).
        await SaveAsync(Current with { Status = CampaignStatus.Completed }, "completed", $"Every push has settled: {summary}.");
    }

    private CampaignSnapshot Current => state.State.Campaign ?? throw new InvalidOperationException("The campaign does not exist.");

    private Outcome<CampaignSnapshot>? Refuse(CampaignStatus allowed, string verb) => Refuse([allowed], verb);

    private Outcome<CampaignSnapshot>? Refuse(CampaignStatus[] allowed, string verb)
    {
        var (_, id) = Key;
        if (state.State.Campaign is not { } campaign)
        {
            return Outcome<CampaignSnapshot>.Fail(ErrorKind.NotFound, $"Campaign {id} was not found.");
        }
        return allowed.Contains(campaign.Status)
            ? null
            : Outcome<CampaignSnapshot>.Fail(ErrorKind.Conflict,
                $"A {WireName<CampaignStatus>.Of(campaign.Status)} campaign cannot be {verb}.");
    }

    /// <summary>Writes the state (durable first), then the read model and the timeline (unless <paramref name="eventType"/> is null).</summary>
    private async Task<CampaignSnapshot> SaveAsync(CampaignSnapshot campaign, string? eventType, string detail)
    {
        var previous = state.State.Campaign;
        var now = clock.GetUtcNow();
        var next = previous is null ? campaign : campaign with { UpdatedAt = now, Version = previous.Version + 1 };
        state.State.Campaign = next;
        try
        {
            await StorageCalls.Guard(state.WriteStateAsync);
        }
        catch (StorageUnavailableException)
        {
            state.State.Campaign = previous;
            throw;
        }
        var (agencyId, id) = Key;
        await StorageCalls.Guard(() => campaigns.UpsertAsync(new CampaignRow(
            agencyId, id, next.Definition.Brand, WireName<CampaignStatus>.Of(next.Status), next.Version,
            next.CreatedAt.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), Documents.Serialize(next))));
        if (eventType is not null)
        {
            await AppendEventAsync(eventType, detail);
        }
        return next;
    }

    private Task AppendEventAsync(string type, string detail)
    {
        var (agencyId, id) = Key;
        var row = new CampaignEventRow { Id = Ids.New("evt", clock), At = clock.GetUtcNow().ToUnixTimeMilliseconds(), Type = type, Detail = detail };
        return StorageCalls.Guard(() => campaigns.AppendEventAsync(agencyId, id, row));
    }
}
