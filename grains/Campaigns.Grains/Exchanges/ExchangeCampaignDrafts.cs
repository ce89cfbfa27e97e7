using Campaigns.Domain.Exchanges;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Storage.Pushes;

namespace Campaigns.Grains.Exchanges;

/// <summary>The exchanges of an exchange campaign's launch, for the ledger to reserve with their pushes and credits.</summary>
public static class ExchangeCampaignDrafts
{
    /// <summary>
    /// Each push names whose content it posts, and its partner's push posts back. The first push of a pair in plan
    /// order carries A's content (posted by B).
    /// </summary>
    public static List<ExchangeDraft> From(IReadOnlyList<PushRow> rows, IReadOnlyList<LaunchPush> plan)
    {
        var byPoster = plan.Select((p, i) => (p.AccountId, i)).ToDictionary(p => p.AccountId, p => p.i, StringComparer.Ordinal);
        var paired = new HashSet<int>();
        var drafts = new List<ExchangeDraft>();
        for (var i = 0; i < plan.Count; i++)
        {
            if (paired.Contains(i))
            {
                continue;
            }
            var owner = plan[i].ContentOwnerId
                ?? throw new InvalidOperationException($"Push {rows[i].Id} of an exchange campaign names no content owner.");
            if (!byPoster.TryGetValue(owner, out var j) || plan[j].ContentOwnerId != plan[i].AccountId || !paired.Add(j) || !paired.Add(i))
            {
                throw new InvalidOperationException($"Push {rows[i].Id} of an exchange campaign has no partner push.");
            }
            drafts.Add(new ExchangeDraft(owner, plan[i].AccountId, ExchangeKind.Repost, Draft(rows[i], plan[i]), Draft(rows[j], plan[j])));
        }
        return drafts;
    }

    private static ExchangePush Draft(PushRow row, LaunchPush push) =>
        new(row.Id, push.AccountId, push.VideoId, push.Platform, row.Brand, push.Caption, push.Hashtags, push.ScheduledAt);
}
