using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Grains.Common;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Pushes;
using Microsoft.Extensions.Logging;

namespace Campaigns.Grains.Campaigns;

/// <summary>The exchange strategy: the launch reserves the pairs' pushes with their credits, settlement reaches the ledger.</summary>
public sealed partial class CampaignGrain
{
    /// <summary>
    /// Stores the launch's pushes. An exchange campaign's pushes go through the agency's ledger, which stores them with
    /// their exchanges and pending credits in one transaction, all or none, and only when every account stays within
    /// the credit limit; the refusal (422) is returned and nothing is stored. Any other kind inserts them directly.
    /// </summary>
    private async Task<Outcome<CampaignSnapshot>?> InsertPushesAsync(List<PushRow> rows, List<LaunchPush> plan)
    {
        if (Current.Definition.Kind != StrategyKind.Exchange)
        {
            await StorageCalls.Guard(() => pushes.InsertAsync(rows));
            return null;
        }
        var (agencyId, id) = Key;
        var drafts = ExchangePairs(rows, plan);
        var reserved = await GrainFactory.GetGrain<IExchangeLedgerGrain>(ExchangeLedger.Key(agencyId)).Reserve(id, drafts);
        return reserved.Error is { } error ? new Outcome<CampaignSnapshot>(null, error) : null;
    }

    /// <summary>
    /// Tells the ledger a push of an exchange campaign has settled, so its credits settle or are released. A failure
    /// here must not stop the campaign's own bookkeeping: the ledger settles what it missed on its next reconciliation.
    /// </summary>
    private async Task SettleExchangeAsync(string pushId)
    {
        if (Current.Definition.Kind != StrategyKind.Exchange)
        {
            return;
        }
        try
        {
            await GrainFactory.GetGrain<IExchangeLedgerGrain>(ExchangeLedger.Key(Key.AgencyId)).Settle(pushId);
        }
        catch (StorageUnavailableException ex)
        {
            logger.LogWarning(ex, "Campaign {CampaignId}: the credits of push {PushId} will settle on the ledger's next reconciliation", Key.Id, pushId);
        }
    }

    /// <summary>
    /// The exchanges of a plan: each push names whose content it posts, and its partner's push posts back. The first
    /// push of a pair in plan order carries A's content (posted by B).
    /// </summary>
    private static List<ExchangeDraft> ExchangePairs(List<PushRow> rows, List<LaunchPush> plan)
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
            drafts.Add(new ExchangeDraft(owner, plan[i].AccountId, Domain.Exchanges.ExchangeKind.Repost, Draft(rows[i], plan[i]), Draft(rows[j], plan[j])));
        }
        return drafts;
    }

    private static ExchangePush Draft(PushRow row, LaunchPush push) =>
        new(row.Id, push.AccountId, push.VideoId, push.Platform, row.Brand, push.Caption, push.Hashtags, push.ScheduledAt);
}
