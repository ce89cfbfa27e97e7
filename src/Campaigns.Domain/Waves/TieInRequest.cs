using Campaigns.Domain.Campaigns;

namespace Campaigns.Domain.Waves;

/// <summary>
/// A celebrity tie-in to plan: its waves in order (the first is the celebrity wave, 0), the videos, and the first
/// instant of the celebrity wave.
/// </summary>
public sealed record TieInRequest(IReadOnlyList<TieInWaveRequest> Waves, IReadOnlyList<PlanningVideo> Videos, DateTimeOffset StartAt);

/// <summary>
/// One wave: the accounts its set resolved to, in order (best first for a top-N selector), the stagger between them,
/// and, for a top-N selector, how many to keep once accounts of earlier waves are left out.
/// </summary>
public sealed record TieInWaveRequest(IReadOnlyList<PlanningAccount> Accounts, TimeSpan Stagger, int? Limit = null);
