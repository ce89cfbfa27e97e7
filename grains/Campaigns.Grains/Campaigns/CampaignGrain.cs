using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Pushes;
using Campaigns.Grains.Common;
using Campaigns.Grains.Pushes;
using Campaigns.Grains.Waves;
using Microsoft.Extensions.Logging;
namespace Campaigns.Grains.Campaigns;

/// <summary>
/// One campaign's lifecycle: create, launch, pause, resume, cancel, what its due pushes may do, completion, timeline.
/// Each command decides in the grain's state first (durable), then brings the pushes table into line; meanwhile
/// <see cref="DecideFire"/> already answers by the new status, and a repair finishes the table's part. Push counts are
/// read from the pushes table, never kept here. Waves, rules, the brand freeze and the exchange ledger are grains of
/// their own, called through <see cref="CampaignCompanions"/>; <see cref="CampaignRecord"/> writes and repairs;
/// <see cref="CampaignCompletion"/> says when it has completed.
/// </summary>
public sealed class CampaignGrain(
    [PersistentState("campaign", StorageNames.Campaigns)] IPersistentState<CampaignState> state,
    CampaignPushes pushes,
    CampaignJournal journal,
    TimeProvider clock,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain
{
    private readonly InFlightPushes _inFlight = new();

    private CampaignRecord? _record;
    private CampaignCompanions? _companions;
    private CampaignCompletion? _completion;

    private CampaignRecord Record => _record ??= new CampaignRecord(this, state, journal, pushes, clock, logger);

    private CampaignCompanions Companions => _companions ??= new CampaignCompanions(this, GrainFactory, this.GetPrimaryKeyString(), logger, EvaluateFeedbackAsync);

    private CampaignCompletion Completion => _completion ??= new CampaignCompletion(this, Key, pushes, Companions, CompleteIfSettledAsync);

    private (string AgencyId, string Id) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private CampaignSnapshot Current => state.State.Campaign ?? throw new InvalidOperationException("The campaign does not exist.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.TieIn is { } legacy && await Companions.HandOverAsync(legacy))
        {
            state.State.TieIn = null; // the next write forgets it; should the hand-over fail, the next activation retries
        }
        Record.RepairIfLagging();
        if (state.State.Campaign?.Status == CampaignStatus.Running)
        {
            // Reactivated (after a restart, say): it may have settled while nobody was watching.
            Completion.Soon();
        }
        if (state.State.Campaign is { Status: CampaignStatus.Scheduled or CampaignStatus.Running or CampaignStatus.Paused } active)
        {
            Companions.ReviewSoon(active.Definition);
        }
        await base.OnActivateAsync(cancellationToken);
    }

    public Task<CampaignSnapshot?> Get() => Task.FromResult(state.State.Campaign);

    public Task<CampaignSnapshot?> Peek() => Task.FromResult(state.State.Campaign);

    public async Task<Outcome<CampaignSnapshot>> Create(CampaignDefinition definition)
    {
        var (agencyId, id) = Key;
        if (state.State.Campaign is not null)
        {
            return Outcome<CampaignSnapshot>.Fail(ErrorKind.Conflict, $"Campaign {id} already exists.");
        }
        var now = clock.GetUtcNow();
        return Outcome<CampaignSnapshot>.Ok(await SaveAsync(new CampaignSnapshot(id, agencyId, definition, CampaignStatus.Draft, 0, now, now, null, 1),
            null, journal.Event("created", $"Draft '{definition.Name}' created.")));
    }

    public async Task<Outcome<CampaignSnapshot>> Launch(List<LaunchPush> plan, List<string> warnings)
    {
        if (Refuse([CampaignStatus.Draft], "launched") is { } refusal)
        {
            return refusal;
        }
        if (plan.Count == 0)
        {
            return Outcome<CampaignSnapshot>.Fail(ErrorKind.Unprocessable, "The plan has no pushes to schedule.");
        }
        var (agencyId, id) = Key;
        var definition = Current.Definition;
        // The pushes first, idempotently (derived ids). Until the launch below is saved the campaign is a draft, whose
        // due pushes are held, never fired; a launch repeated after a failure writes the same rows again.
        if (await pushes.StoreLaunchAsync(Current, LaunchRows.From(agencyId, id, definition, plan, clock.GetUtcNow()), plan) is { } rejected)
        {
            return new Outcome<CampaignSnapshot>(null, rejected);
        }
        await Companions.PrepareAsync(definition);
        var frozen = await Companions.IsBrandFrozenAsync(agencyId, definition);
        var last = plan.Max(p => p.ScheduledAt);
        await pushes.WatchAsync(agencyId, id, last); // the durable completion check exists before the status needing it

        var detail = $"{plan.Count} pushes scheduled from {plan.Min(p => p.ScheduledAt):O} to {last:O}" +
            (warnings.Count == 0 ? "." : $"; {warnings.Count} warnings: {string.Join(" ", warnings.Take(20))}");
        TimelineEvent[] events = frozen
            ? [journal.Event("launched", detail), journal.Event("paused", $"Paused ({CampaignReasons.BrandFreeze}): the brand is frozen.")]
            : [journal.Event("launched", detail)];
        // A campaign of a frozen brand launches paused by the freeze, in this same write; the unfreeze resumes it.
        await SaveAsync(Current with { Status = frozen ? CampaignStatus.Paused : CampaignStatus.Scheduled, Planned = plan.Count, LaunchedAt = clock.GetUtcNow() }, s =>
        {
            s.LastPushAt = last;
            s.PushesPending = true;
            (s.PausedBy, s.PausedFrom) = frozen ? (CampaignReasons.BrandFreeze, CampaignStatus.Scheduled) : ((string?)null, (CampaignStatus?)null);
        }, events);
        await Record.ApplyAsync();
        logger.LogInformation("Campaign {CampaignId} launched with {Count} pushes", id, plan.Count);
        return Outcome<CampaignSnapshot>.Ok(Current);
    }

    public async Task<Outcome<CampaignSnapshot>> Pause(string reason)
    {
        if (reason == CampaignReasons.BrandFreeze && state.State is { Campaign.Status: CampaignStatus.Paused, PausedBy: CampaignReasons.BrandFreeze })
        {
            await Record.ApplyAsync(); // a freeze repeated to finish what it left undone
            return Outcome<CampaignSnapshot>.Ok(Current);
        }
        if (Refuse([CampaignStatus.Scheduled, CampaignStatus.Running], "paused") is { } refusal)
        {
            return refusal;
        }
        var from = Current.Status;
        await SaveAsync(Current with { Status = CampaignStatus.Paused }, s => (s.PausedBy, s.PausedFrom, s.PushesPending) = (reason, from, true),
            journal.Event("paused", $"Paused ({reason})."));
        await Record.ApplyAsync();
        await AwaitInFlightAsync();
        return Outcome<CampaignSnapshot>.Ok(Current);
    }

    public async Task<Outcome<CampaignSnapshot>> Resume(string reason)
    {
        if (Refuse([CampaignStatus.Paused], "resumed") is { } refusal)
        {
            return refusal;
        }
        if (reason == CampaignReasons.BrandFreeze && state.State.PausedBy != CampaignReasons.BrandFreeze)
        {
            return Outcome<CampaignSnapshot>.Fail(ErrorKind.Conflict, "Paused by hand, not by the brand freeze; resume it by hand.");
        }
        var (agencyId, id) = Key;
        var now = clock.GetUtcNow();
        await pushes.WatchAsync(agencyId, id, state.State.LastPushAt is { } last && last > now ? last : now);
        // Back to where it was: a campaign paused before its first push fired is scheduled again, not running.
        await SaveAsync(Current with { Status = state.State.PausedFrom ?? CampaignStatus.Running }, s => (s.PausedBy, s.PausedFrom, s.PushesPending) = (null, null, true),
            journal.Event("resumed", $"Resumed ({reason})."));
        await Record.ApplyAsync();
        Completion.Soon();
        Companions.ReviewSoon(Current.Definition);
        return Outcome<CampaignSnapshot>.Ok(Current);
    }

    public async Task<Outcome<CampaignSnapshot>> Cancel(string reason)
    {
        if (Refuse([CampaignStatus.Draft, CampaignStatus.Scheduled, CampaignStatus.Running, CampaignStatus.Paused], "cancelled") is { } refusal)
        {
            return refusal;
        }
        // The state first: a push about to publish asks DecideFire and must already hear "cancel".
        await SaveAsync(Current with { Status = CampaignStatus.Cancelled }, s => s.PushesPending = true, journal.Event("cancelled", $"Cancelled ({reason})."));
        await AwaitInFlightAsync();
        await Record.ApplyAsync();
        return Outcome<CampaignSnapshot>.Ok(Current);
    }

    /// <summary>A draft's pushes (stored by a launch not yet saved) and a paused campaign's wait, held; an ended or unknown campaign's never fire.</summary>
    public Task<FireDecision> DecideFire(string pushId)
    {
        var decision = state.State.Campaign?.Status switch
        {
            CampaignStatus.Scheduled or CampaignStatus.Running => FireDecision.Fire,
            CampaignStatus.Draft or CampaignStatus.Paused => FireDecision.Hold,
            _ => FireDecision.Cancel,
        };
        if (decision == FireDecision.Fire)
        {
            _inFlight.Add(pushId);
        }
        return Task.FromResult(decision);
    }

    public Task FireEnded(string pushId)
    {
        _inFlight.End(pushId);
        return Task.CompletedTask;
    }

    public async Task PushSettled(string pushId, PushStatus status, string? detail)
    {
        if (state.State.Campaign is not { } campaign)
        {
            return;
        }
        Completion.Soon();
        Companions.Settled(Key.AgencyId, campaign.Definition, pushId);
        if (campaign.Status == CampaignStatus.Scheduled)
        {
            await SaveAsync(campaign with { Status = CampaignStatus.Running }, null, journal.Event("running", "The first push has fired."));
        }
        if (status is PushStatus.Failed or PushStatus.Skipped or PushStatus.Unconfirmed or PushStatus.Scheduled)
        {
            // Scheduled again, with a detail: held until its account is connected.
            var kind = status == PushStatus.Scheduled ? "push-held" : $"push-{WireName<PushStatus>.Of(status)}";
            await journal.AppendAsync(Key.AgencyId, Key.Id, [journal.Event(kind, $"Push {pushId}: {detail}")]);
        }
    }

    /// <summary>Pushes' latest engagement changed: gathered, then evaluated with the others reported meanwhile.</summary>
    public Task MetricsRecorded(IReadOnlyList<string> pushIds)
    {
        if (state.State.Campaign is { Status: CampaignStatus.Running or CampaignStatus.Scheduled or CampaignStatus.Paused })
        {
            foreach (var pushId in pushIds)
            {
                Companions.Report(pushId);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Engagement changed: the waves and rules grains judge it; the pushes the rules' firings added are counted in this
    /// same turn, so a read of the campaign after a firing sees them.
    /// </summary>
    private async Task EvaluateFeedbackAsync(List<string> changed)
    {
        if (state.State.Campaign is not { Status: CampaignStatus.Running or CampaignStatus.Scheduled, Definition: var definition })
        {
            return;
        }
        try
        {
            if (await Companions.EvaluateAsync(definition, changed) is { } verdict)
            {
                await CountRulePushesAsync(verdict.PushesAdded);
                if (verdict.Cancelled)
                {
                    Completion.Soon(); // cancelling an account's last pushes may have settled the campaign
                }
            }
        }
        catch (StorageUnavailableException ex)
        {
            logger.LogWarning(ex, "Campaign {CampaignId}: evaluating engagement failed; the next report or review retries", Key.Id);
        }
    }

    public Task CheckCompletion() => CompleteIfSettledAsync();

    /// <summary>Completed once <see cref="CampaignCompletion"/> finds every push settled.</summary>
    private async Task CompleteIfSettledAsync()
    {
        if (await Completion.SettledAsync(state.State.Campaign, CountRulePushesAsync) is { } summary)
        {
            await SaveAsync(Current with { Status = CampaignStatus.Completed }, s => s.PushesPending = true, journal.Event("completed", $"Every push has settled: {summary}."));
            await Record.ApplyAsync();
        }
    }

    /// <summary>The planned count catches up with the rules' total (from their firings), so a crash never loses or doubles one.</summary>
    private async Task CountRulePushesAsync(int total)
    {
        if (total != state.State.RulePushesCounted)
        {
            await SaveAsync(Current with { Planned = Current.Planned + total - state.State.RulePushesCounted }, s => s.RulePushesCounted = total);
        }
    }

    /// <summary>Once a pause or cancel is saved: waits until the pushes told to fire before it have landed, so nothing more publishes.</summary>
    private async Task AwaitInFlightAsync()
    {
        if (!await _inFlight.LandedAsync(clock))
        {
            logger.LogWarning("Campaign {CampaignId}: {Count} pushes still publishing after {Limit}; answering anyway", Key.Id, _inFlight.Count, InFlightPushes.Limit);
        }
    }

    /// <summary>Writes the state durably (throws when that fails), then the read model and timeline (retried when that fails).</summary>
    private async Task<CampaignSnapshot> SaveAsync(CampaignSnapshot campaign, Action<CampaignState>? change, params TimelineEvent[] events)
    {
        await Record.SaveAsync(campaign, change, events);
        return Current;
    }

    private Outcome<CampaignSnapshot>? Refuse(CampaignStatus[] allowed, string verb) =>
        state.State.Campaign is not { } campaign ? Outcome<CampaignSnapshot>.Fail(ErrorKind.NotFound, $"Campaign {Key.Id} was not found.")
        : allowed.Contains(campaign.Status) ? null
        : Outcome<CampaignSnapshot>.Fail(ErrorKind.Conflict, $"A {WireName<CampaignStatus>.Of(campaign.Status)} campaign cannot be {verb}.");
}
