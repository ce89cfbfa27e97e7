namespace Campaigns.Scheduling.Pushes;

/// <summary>A push this silo has claimed, with everything needed to publish it.</summary>
public sealed record DuePush(
    string AgencyId,
    string PushId,
    string CampaignId,
    string AccountId,
    string Platform,
    string VideoId,
    string? Caption,
    List<string> Hashtags,
    DateTimeOffset ScheduledAt,
    int Attempts,
    DateTimeOffset DueAt);
