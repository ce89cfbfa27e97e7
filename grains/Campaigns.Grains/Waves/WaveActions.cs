
using Campaigns.Grains.Common;
using Campaigns.Scheduling.Pushes;
using Campaigns.Scheduling.Waves;
using Campaigns.Scheduling;
using Campaigns.Storage.Pushes;
namespace Campaigns.Grains.Waves;

/// <summary>
/// What the waves grain does outside itself: reads the waves' pushes, releases or stops them (conditional updates,
/// so applying a decision twice changes nothing), ensures their bucket triggers, and keeps each waiting gate's durable
/// deadline trigger.
/// </summary>
public sealed class WaveActions(WavePushes pushes, PushTriggers triggers, GateDeadlines deadlines, TimeProvider clock)
{
    /// <summary>Pushes per wave and each wave's first instant, as stored at launch.</summary>
    public Task<IReadOnlyList<WaveSummary>> SummariesAsync(string agencyId, string campaignId) =>
        StorageCalls.Guard(() => pushes.WaveSummariesAsync(agencyId, campaignId));

    /// <summary>The engagement of a wave's published pushes (their latest snapshots), summed.</summary>
    public Task<WaveTotals> TotalsAsync(string agencyId, string campaignId, int wave) =>
        StorageCalls.Guard(() => pushes.WaveTotalsAsync(agencyId, campaignId, wave));

    /// <summary>
    /// Re-times and ungates a released wave's pushes (rows already released are left alone) and ensures their triggers.
    /// On a repair (<paramref name="ensureAlways"/> false) triggers are ensured only when rows changed now: rows
    /// released before a crash had theirs ensured then, or are picked up by the sweeper. Released unheld: gates are
    /// decided only while the campaign is scheduled or running (should a pause come in between, the released pushes
    /// hear "hold" from the campaign when they come due).
    /// </summary>
    public async Task ReleaseAsync(string agencyId, string campaignId, int wave, DateTimeOffset at, bool ensureAlways)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var release = await StorageCalls.Guard(() => pushes.ReleaseWaveAsync(agencyId, campaignId, wave, at.ToUnixTimeMilliseconds(), held: false, now));
        if (ensureAlways || release.Released > 0)
        {
            await StorageCalls.Guard(() => triggers.EnsureReleasedAsync(release.DueInstants, now));
        }
    }

    /// <summary>Cancels every push still gated (the rollout stopped at <paramref name="wave"/>).</summary>
    public Task StopAsync(string agencyId, string campaignId, int wave) =>
        StorageCalls.Guard(() => pushes.CancelGatedAsync(agencyId, campaignId,
            $"Not released: the tie-in stopped when wave {wave}'s gate timed out.", clock.GetUtcNow().ToUnixTimeMilliseconds()));

    /// <summary>Keeps the durable trigger that reviews <paramref name="wave"/>'s gate at its deadline.</summary>
    public Task ArmDeadlineAsync(string agencyId, string campaignId, int wave, DateTimeOffset deadline) =>
        StorageCalls.Guard(() => deadlines.ArmAsync(agencyId, campaignId, wave, deadline));

    /// <summary>Removes the deadline trigger of a gate decided before its deadline.</summary>
    public Task DisarmDeadlineAsync(string agencyId, string campaignId, int wave) =>
        StorageCalls.Guard(() => deadlines.DisarmAsync(agencyId, campaignId, wave));
}
