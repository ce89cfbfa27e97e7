
using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Schedules;
namespace Campaigns.Grains.Abstractions.Pushes;

/// <summary>
/// What owns pushes — a campaign, or a recurring schedule — as its pushes see it: asked before each publish,
/// told when each push has settled.
/// </summary>
public interface IPushOwnerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Asked by a due push just before it publishes. A push told to fire is in flight until it calls
    /// <see cref="FireEnded"/>; pause, cancel and delete wait for the pushes in flight before they answer.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<FireDecision> DecideFire(string pushId);

    /// <summary>Told by a push that was told to fire, once its outcome is recorded (whatever it is).</summary>
    [Orleans.Concurrency.AlwaysInterleave, Orleans.Concurrency.OneWay]
    Task FireEnded(string pushId);

    /// <summary>
    /// Told by a push once it has settled (published, failed, skipped, cancelled), or stopped to wait for a person:
    /// unconfirmed, or <see cref="PushStatus.Scheduled"/> again while it waits for its account's credential (the
    /// detail says why).
    /// </summary>
    [Orleans.Concurrency.OneWay]
    Task PushSettled(string pushId, PushStatus status, string? detail);

    /// <summary>
    /// Told, once per committed batch of snapshots (from the API, a platform webhook, the sandbox feed or the poller),
    /// which of its pushes got a new latest snapshot, so gates and automation rules can react. Cheap and coalesced:
    /// many calls, one evaluation.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave, Orleans.Concurrency.OneWay]
    Task MetricsRecorded(IReadOnlyList<string> pushIds);
}

/// <summary>Owners of pushes other than campaigns.</summary>
public static class StandalonePushOwners
{
    /// <summary>
    /// The id prefixes (with their underscore) of owners that are not campaigns: recurring schedules and standalone
    /// exchanges. A brand freeze holds these owners' pushes itself, as a campaign's pause holds a campaign's.
    /// </summary>
    public static readonly IReadOnlyList<string> IdPrefixes = [ScheduleIds.Prefix + "_", Exchanges.ExchangeLedger.Prefix + "_"];
}
