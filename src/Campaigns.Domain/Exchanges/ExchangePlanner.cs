using Campaigns.Domain.Accounts;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Domain.Exchanges;

/// <summary>The pairs of an exchange plan (A, B as the matcher proposed them), the videos in rotation, the start and stagger.</summary>
public sealed record ExchangePlanRequest(
    IReadOnlyList<(PlanningAccount A, PlanningAccount B)> Pairs,
    IReadOnlyList<PlanningVideo> Videos,
    DateTimeOffset StartAt,
    TimeSpan Stagger);

/// <summary>
/// Plans an exchange campaign: pair k posts each other's content, both wished for at start + k × stagger. A's content
/// is video 2k and B's video 2k+1 (mod the number of videos), so the videos rotate over the pairs. Each pair goes
/// through the <see cref="MatrixPlanner"/> (caps, quiet hours, platform limits), and a pair one of whose pushes cannot
/// be planned is dropped whole with a warning: an exchange is both posts or none. Across pairs, as in a matrix, two
/// accounts on one platform never post one video at one instant (the later pair moves by a second).
/// </summary>
public static class ExchangePlanner
{
    private const int MaxNudges = 600;

    public static Plan Plan(ExchangePlanRequest request, IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>>? taken = null)
    {
        var warnings = new List<PlanWarning>();
        var pushes = new List<PlannedPush>();
        if (request.Videos.Count == 0)
        {
            warnings.Add(new PlanWarning("no-videos", "The plan has no videos to post."));
            return new Plan(pushes, warnings);
        }
        var occupied = new HashSet<(Platform, string, DateTimeOffset)>();
        for (var k = 0; k < request.Pairs.Count; k++)
        {
            var (a, b) = request.Pairs[k];
            var contentOfA = request.Videos[2 * k % request.Videos.Count];
            var contentOfB = request.Videos[(2 * k + 1) % request.Videos.Count];
            var start = request.StartAt + request.Stagger * k;
            for (var nudge = 0; ; nudge++)
            {
                // B posts A's content, A posts B's: the matrix planner gives account i video i.
                var plan = MatrixPlanner.Plan(new MatrixRequest([b, a], [contentOfA, contentOfB], start, TimeSpan.Zero), taken);
                if (plan.Pushes.Count < 2)
                {
                    warnings.AddRange(plan.Warnings);
                    warnings.Add(new PlanWarning("exchange-unplanned",
                        $"The exchange of {a.Id} and {b.Id} is left out: one of its two posts cannot be planned.", a.Id));
                    break;
                }
                var slots = plan.Pushes.Select(p => (Platform(p, a, b), p.VideoId, p.ScheduledAt)).ToList();
                if (slots.Any(occupied.Contains) && nudge < MaxNudges)
                {
                    start = plan.Pushes.Max(p => p.ScheduledAt).AddSeconds(1);
                    continue;
                }
                occupied.UnionWith(slots);
                var ofB = plan.Pushes.Single(p => p.AccountId == b.Id);
                var ofA = plan.Pushes.Single(p => p.AccountId == a.Id);
                pushes.Add(ofB with { ContentOwnerId = a.Id });
                pushes.Add(ofA with { ContentOwnerId = b.Id });
                break;
            }
        }
        return new Plan(pushes, warnings);
    }

    private static Platform Platform(PlannedPush push, PlanningAccount a, PlanningAccount b) =>
        push.AccountId == a.Id ? a.Platform : b.Platform;
}
