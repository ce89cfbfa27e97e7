using Quartz;

namespace Campaigns.Scheduling.Schedules;

/// <summary>Cron triggers of recurring schedules: one per schedule, in the schedule's time zone.</summary>
public sealed class ScheduleTriggers(ISchedulerFactory factory)
{
    public const string Group = "schedules";
    public const string AgencyKey = "agencyId", ScheduleKey = "scheduleId";
    public static readonly JobKey FireJob = new("fire", Group);

    /// <summary>True when Quartz accepts the cron expression (seconds first, as in <c>0 0 20 * * ?</c>).</summary>
    public static bool IsValid(string cron)
    {
        try
        {
            _ = new CronExpression(cron);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The shortest time between consecutive firings among the first few after <paramref name="after"/>; null when the
    /// expression fires at most once. Only the seconds field can make a cron fire twice within a minute, and when it
    /// does, any minute it fires in has two firings, so a few firings are enough to see it.
    /// </summary>
    public static TimeSpan? ShortestGap(string cron, DateTimeOffset after)
    {
        const int Firings = 4;
        var expression = new CronExpression(cron, TimeZoneInfo.Utc);
        TimeSpan? shortest = null;
        var previous = expression.GetNextValidTimeAfter(after);
        for (var i = 1; i < Firings && previous is { } at; i++)
        {
            var next = expression.GetNextValidTimeAfter(at);
            if (next is { } then && (shortest is null || then - at < shortest))
            {
                shortest = then - at;
            }
            previous = next;
        }
        return shortest;
    }

    /// <summary>The next instant the expression names after <paramref name="after"/>, in the zone.</summary>
    public static DateTimeOffset? Next(string cron, string timeZone, DateTimeOffset after) =>
        new CronExpression(cron, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).GetNextValidTimeAfter(after);

    /// <summary>Stores (or keeps) the schedule's trigger.</summary>
    public async Task EnsureAsync(string agencyId, string scheduleId, string cron, string timeZone, CancellationToken cancellationToken = default)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(Key(agencyId, scheduleId))
            .ForJob(FireJob)
            .UsingJobData(AgencyKey, agencyId)
            .UsingJobData(ScheduleKey, scheduleId)
            .WithSchedule(CronScheduleBuilder.Create(cron)
                .InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(timeZone))
                // After downtime, fire once for what was missed; the pushes' own staleness rule decides the rest.
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, cancellationToken);
    }

    /// <summary>Removes the schedule's trigger.</summary>
    public async Task RemoveAsync(string agencyId, string scheduleId, CancellationToken cancellationToken = default)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(Key(agencyId, scheduleId), cancellationToken);
    }

    private static TriggerKey Key(string agencyId, string scheduleId) => new($"{agencyId}/{scheduleId}", Group);
}
