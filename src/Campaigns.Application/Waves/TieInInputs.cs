using Campaigns.Application.Campaigns;

namespace Campaigns.Application.Waves;

/// <summary>One later wave of a tie-in as clients send it: its accounts, their stagger, and the gate that releases it.</summary>
public sealed record WaveInput(AccountSetInput? Accounts, int? StaggerSeconds, GateInput? Gate);

/// <summary>
/// A wave's gate as clients send it: at least one threshold; <c>maxWaitMinutes</c> may be fractional;
/// <c>onTimeout</c> is <c>release</c> (the default) or <c>stop</c>.
/// </summary>
public sealed record GateInput(long? MinViews, double? MinEngagementRate, double? MaxWaitMinutes, string? OnTimeout);
