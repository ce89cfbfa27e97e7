using Campaigns.Domain.Campaigns;

namespace Campaigns.Domain.Waves;

/// <summary>
/// Plans a celebrity tie-in rollout: each wave is a one-post-per-account matrix (<see cref="MatrixPlanner"/>, so caps,
/// variants and video rotation are the matrix's), over the wave's accounts minus those of earlier waves. Wave 0 starts
/// at the request's start; a later wave cannot be known to start before its gate opens, so the plan shows the
/// earliest it could: as if its gate opened the moment the previous wave's last push is scheduled. Each gated wave
/// carries a <c>wave-gated</c> warning saying its times move with its gate; a wave left with no push carries
/// <c>wave-empty</c>. If the celebrity wave schedules nothing, nothing else is planned.
/// </summary>
public static class TieInPlanner
{
    public static Plan Plan(TieInRequest request, IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>>? taken = null)
    {
        var pushes = new List<PlannedPush>();
        var warnings = new List<PlanWarning>();
        var earlier = new HashSet<string>(StringComparer.Ordinal);
        var start = request.StartAt;
        for (var wave = 0; wave < request.Waves.Count; wave++)
        {
            var accounts = Pick(request.Waves[wave], earlier);
            var plan = accounts.Count == 0
                ? new Plan([], [])
                : MatrixPlanner.Plan(new MatrixRequest(accounts, request.Videos, start, request.Waves[wave].Stagger, 1, wave), taken);
            warnings.AddRange(plan.Warnings);
            if (plan.Pushes.Count == 0)
            {
                if (wave == 0)
                {
                    warnings.Add(new PlanWarning("wave-empty", "The celebrity wave (0) schedules no push, so no later wave could ever be released."));
                    return new Plan([], warnings);
                }
                warnings.Add(new PlanWarning("wave-empty", accounts.Count == 0
                    ? $"Wave {wave} has no account left once accounts of earlier waves are left out; its gate still applies."
                    : $"Wave {wave} schedules no push; its gate still applies."));
                continue;
            }
            if (wave > 0)
            {
                warnings.Add(new PlanWarning("wave-gated",
                    $"Wave {wave} is shown as if its gate opened at {start:O}, when wave {wave - 1}'s last push is due; " +
                    "its times move with its gate: once released, its first push is due at once and the rest keep these intervals."));
            }
            pushes.AddRange(plan.Pushes);
            start = plan.Pushes.Max(p => p.ScheduledAt);
        }
        pushes.Sort((a, b) => a.ScheduledAt != b.ScheduledAt
            ? a.ScheduledAt.CompareTo(b.ScheduledAt)
            : a.Wave != b.Wave ? a.Wave.CompareTo(b.Wave) : string.CompareOrdinal(a.AccountId, b.AccountId));
        return new Plan(pushes, warnings);
    }

    /// <summary>The wave's accounts not picked by an earlier wave (nor twice), up to its limit; they are then taken.</summary>
    private static List<PlanningAccount> Pick(TieInWaveRequest wave, HashSet<string> earlier)
    {
        var picked = new List<PlanningAccount>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var account in wave.Accounts)
        {
            if (picked.Count == (wave.Limit ?? int.MaxValue))
            {
                break;
            }
            if (!earlier.Contains(account.Id) && ids.Add(account.Id))
            {
                picked.Add(account);
            }
        }
        earlier.UnionWith(ids);
        return picked;
    }
}
