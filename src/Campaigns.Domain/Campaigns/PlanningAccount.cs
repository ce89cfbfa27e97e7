using Campaigns.Domain.Accounts;

namespace Campaigns.Domain.Campaigns;

/// <summary>What the planner needs to know of an account.</summary>
public sealed record PlanningAccount(
    string Id,
    Platform Platform,
    string TimeZone,
    PostingCaps Caps,
    AccountStatus Status);
