using Campaigns.Storage.Reports;

namespace Campaigns.Storage.Accounts;

/// <summary>An account's pushes summed (null when it has none) and its settled credit balance.</summary>
public sealed record AccountFigures(EngagementSumsRow? Engagement, long SettledCredits);
