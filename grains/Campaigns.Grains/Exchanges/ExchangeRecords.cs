using System.Text.Json;
using Campaigns.Domain.Common;
using Campaigns.Domain.Exchanges;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Grains.Campaigns;
using Campaigns.Grains.Pushes;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Exchanges;
using Campaigns.Storage.Pushes;

namespace Campaigns.Grains.Exchanges;

/// <summary>What the ledger stores for one exchange: the snapshot with its fixed worth, its two legs and its two pushes.</summary>
internal sealed record ExchangeRecords(ExchangeSnapshot Snapshot, ExchangeRow Row, IReadOnlyList<ExchangeLegRow> Legs, IReadOnlyList<PushRow> Pushes)
{
    /// <summary>
    /// Builds the records of a draft. The worth of each side is fixed here, from the followers each account has now,
    /// so settlement later is deterministic whatever the accounts' followers do meanwhile.
    /// </summary>
    public static ExchangeRecords From(string agencyId, string? campaignId, ExchangeDraft draft, AccountSnapshot a, AccountSnapshot b, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var id = Ids.New(ExchangeLedger.Prefix, clock);
        var owner = campaignId ?? id;
        var pushA = draft.ForA.PushId ?? PushIds.For(id, 0);
        var pushB = draft.ForB.PushId ?? PushIds.For(id, 1);
        var terms = ExchangeTerms.For(a.Followers, b.Followers);
        var at = draft.ForA.ScheduledAt <= draft.ForB.ScheduledAt ? draft.ForA.ScheduledAt : draft.ForB.ScheduledAt;
        var snapshot = new ExchangeSnapshot(id, campaignId, a.Id, b.Id, draft.Kind, draft.ForA.VideoId, draft.ForB.VideoId, at,
            terms.CreditsA, terms.CreditsB, pushA, pushB, now);
        var millis = now.ToUnixTimeMilliseconds();
        return new ExchangeRecords(
            snapshot,
            new ExchangeRow(agencyId, id, campaignId, a.Id, b.Id, millis, Documents.Serialize(snapshot)),
            [
                // B posts A's content: B earns its worth, A pays it; and the other way round.
                Leg(agencyId, pushA, id, host: b.Id, owner: a.Id, terms.CreditsB, millis),
                Leg(agencyId, pushB, id, host: a.Id, owner: b.Id, terms.CreditsA, millis),
            ],
            [Push(agencyId, owner, pushA, draft.ForA, millis), Push(agencyId, owner, pushB, draft.ForB, millis)]);
    }

    private static ExchangeLegRow Leg(string agencyId, string pushId, string exchangeId, string host, string owner, long credits, long now) => new()
    {
        AgencyId = agencyId, PushId = pushId, ExchangeId = exchangeId, HostAccountId = host, OwnerAccountId = owner,
        Credits = credits, State = LegStates.Pending, UpdatedAt = now,
    };

    private static PushRow Push(string agencyId, string ownerId, string pushId, ExchangePush push, long now) => new()
    {
        AgencyId = agencyId,
        Id = pushId,
        CampaignId = ownerId,
        AccountId = push.PostedBy,
        VideoId = push.VideoId,
        Platform = push.Platform,
        Brand = push.Brand,
        Caption = push.Caption,
        Hashtags = JsonSerializer.Serialize(push.Hashtags),
        ScheduledAt = push.ScheduledAt.ToUnixTimeMilliseconds(),
        DueAt = push.ScheduledAt.ToUnixTimeMilliseconds(),
        UpdatedAt = now,
    };
}
