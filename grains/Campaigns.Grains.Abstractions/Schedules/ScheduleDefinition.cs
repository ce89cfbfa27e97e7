namespace Campaigns.Grains.Abstractions.Schedules;

/// <summary>A recurring timed push: at every cron instant in the time zone, each account posts the next queued video.</summary>
[GenerateSerializer, Immutable]
public sealed record ScheduleDefinition(
    [property: Id(0)] string? Name,
    [property: Id(1)] List<string> AccountIds,
    [property: Id(2)] string Cron,
    [property: Id(3)] string TimeZone,
    [property: Id(4)] List<string> VideoQueue);

/// <summary>A schedule as it is now.</summary>
[GenerateSerializer, Immutable]
public sealed record ScheduleSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] string AgencyId,
    [property: Id(2)] ScheduleDefinition Definition,
    [property: Id(3)] bool Active,
    [property: Id(4)] int Fired,
    [property: Id(5)] DateTimeOffset? LastFiredAt,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] long Version);
