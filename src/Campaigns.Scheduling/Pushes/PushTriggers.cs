using Microsoft.Extensions.Options;
using Quartz;

namespace Campaigns.Scheduling.Pushes;

/// <summary>
/// The scheduler facade grains use: makes sure a trigger exists for every bucket in which pushes are due. Triggers
/// are keyed by bucket, so asking twice (two campaigns, a retry, a restart) stores one.
/// </summary>
public sealed class PushTriggers(ISchedulerFactory factory, IOptions<PushSchedulingOptions> options)
{
    public const string Group = "pushes";
    public static readonly JobKey DueJob = new("due", Group);
    public static readonly JobKey SweepJob = new("sweep", Group);

    /// <summary>
    /// Ensures triggers for pushes just released (a resume, an unfreeze, a gate opening), due at these Unix
    /// milliseconds: those that fell due while held fire at once (each push skips itself if it is stale by then).
    /// </summary>
    public Task EnsureReleasedAsync(IEnumerable<long> dueAt, long now, CancellationToken cancellationToken = default) =>
        EnsureAsync(dueAt.Select(d => DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(d, now))), cancellationToken);

    /// <summary>Ensures triggers for the buckets of these due instants.</summary>
    public async Task EnsureAsync(IEnumerable<DateTimeOffset> dueInstants, CancellationToken cancellationToken = default)
    {
        var bucket = options.Value.BucketMilliseconds;
        var scheduler = await factory.GetScheduler(cancellationToken);
        var starts = dueInstants.Select(i => i.ToUnixTimeMilliseconds() / bucket * bucket).Distinct().Order();
        foreach (var start in starts)
        {
            var trigger = TriggerBuilder.Create()
                .WithIdentity($"due-{start}", Group)
                .ForJob(DueJob)
                .StartAt(DateTimeOffset.FromUnixTimeMilliseconds(start - options.Value.LeadMilliseconds))
                .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, cancellationToken);
        }
    }
}
