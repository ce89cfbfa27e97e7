namespace Campaigns.Storage.Campaigns;

/// <summary>What a firing did to a push: its new status and the facts that go with it.</summary>
public sealed record PushOutcomeUpdate(
    string AgencyId,
    string Id,
    string Status,
    int Attempts,
    long DueAt,
    string? LastError,
    string? PlatformPostId,
    long? FiredAt,
    long? PublishedAt,
    long UpdatedAt);
