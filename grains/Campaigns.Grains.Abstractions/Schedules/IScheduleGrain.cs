
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Pushes;
namespace Campaigns.Grains.Abstractions.Schedules;

/// <summary>A recurring schedule, keyed <c>{agencyId}/{scheduleId}</c>, fired by a Quartz cron trigger.</summary>
public interface IScheduleGrain : IPushOwnerGrain
{
    /// <summary>Creates the schedule and its cron trigger.</summary>
    Task<Outcome<ScheduleSnapshot>> Create(ScheduleDefinition definition);

    /// <summary>The schedule, or null when it does not exist.</summary>
    Task<ScheduleSnapshot?> Get();

    /// <summary>Creates this instant's pushes (once per instant, however often the trigger fires for it).</summary>
    Task Fire(DateTimeOffset instant);

    /// <summary>Removes the trigger; pushes not yet fired are cancelled.</summary>
    Task<Outcome<ScheduleSnapshot>> Delete();
}

/// <summary>Ids of schedules; their pushes carry the schedule id where a campaign's carry the campaign id.</summary>
public static class ScheduleIds
{
    public const string Prefix = "sch";
}
