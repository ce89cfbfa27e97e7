
using Campaigns.Domain.Affinity;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Grains.Abstractions.Products;
using Campaigns.Grains.Abstractions.Videos;
using Campaigns.Storage.Accounts;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Exchanges;
using Campaigns.Storage.Products;
using Campaigns.Storage.Pushes;
using Campaigns.Storage.Videos;
using Microsoft.Extensions.Options;
namespace Campaigns.Application.Campaigns;

/// <summary>
/// Turns a campaign's definition into a plan: resolves its account set (ids, or a selector with an optional top-N
/// by tag affinity to the campaign's products and videos), loads its videos, reads when each account already posts,
/// and runs the matrix planner. Reads only; changes nothing.
/// </summary>
public sealed partial class CampaignPlanning(
    AccountStore accounts, VideoStore videos, ProductStore products, PushQueries pushes, LedgerStore ledger, IOptions<ExchangeOptions> exchangeOptions, TimeProvider clock)
{
    // excluded: accounts never to pick, left out before a top-N cut (an amplify's accounts already in the campaign).
    public async Task<(Plan Plan, IReadOnlyDictionary<string, AccountSnapshot> Accounts)> PlanAsync(
        string agencyId, CampaignDefinition definition, CancellationToken cancellationToken, IReadOnlySet<string>? excluded = null)
    {
        if (definition.Kind == StrategyKind.Exchange)
        {
            return await PlanExchangeAsync(agencyId, definition, cancellationToken);
        }
        if (definition.Kind == StrategyKind.CelebrityTieIn)
        {
            return await PlanTieInAsync(agencyId, definition, cancellationToken);
        }
        var strategy = definition.Strategy;
        var videoDocs = await videos.DocumentsAsync(agencyId, strategy.VideoIds, cancellationToken);
        var videoList = strategy.VideoIds.Where(videoDocs.ContainsKey).Select(id => Documents.Deserialize<VideoSnapshot>(videoDocs[id])).ToList();
        var accountList = await ResolveAccountsAsync(agencyId, definition, videoList, excluded ?? new HashSet<string>(), cancellationToken);

        var taken = await pushes.TakenAsync(agencyId, accountList.Select(a => a.Id).ToList(),
            clock.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds(), cancellationToken);
        // A start already past (a draft launched late) begins now rather than producing pushes that are stale at once.
        var start = strategy.StartAt < clock.GetUtcNow() ? clock.GetUtcNow() : strategy.StartAt;
        var plan = MatrixPlanner.Plan(new MatrixRequest(
            accountList.Select(a => new PlanningAccount(a.Id, a.Platform, a.TimeZone, a.Caps.ToDomain(), a.Status)).ToList(),
            videoList.Select(v => new PlanningVideo(v.Id, v.DurationSeconds, v.Title, v.Topics,
                v.Variants.ToDictionary(p => p.Key, p => new PlanningVariant(p.Value.Caption, p.Value.Hashtags)))).ToList(),
            start, strategy.Stagger, strategy.PostsPerAccount), taken);
        return (plan, accountList.ToDictionary(a => a.Id));
    }

    private Task<List<AccountSnapshot>> ResolveAccountsAsync(
        string agencyId, CampaignDefinition definition, List<VideoSnapshot> videoList, IReadOnlySet<string> excluded, CancellationToken cancellationToken) =>
        ResolveAsync(agencyId, definition.Strategy.Accounts, definition.ProductIds, videoList, cancellationToken, excluded);

    /// <summary>
    /// The accounts of a set: its ids in the order given (unknown ids left out), or the selector's accounts in id order
    /// or, with <c>topByAffinity</c>, best first against the content (these products and videos). Accounts in
    /// <paramref name="excluded"/> are never picked and are left out before a top-N cut.
    /// </summary>
    public async Task<List<AccountSnapshot>> ResolveAsync(
        string agencyId, AccountSet set, IReadOnlyCollection<string> productIds, IReadOnlyList<VideoSnapshot> videoList,
        CancellationToken cancellationToken, IReadOnlySet<string>? excluded = null)
    {
        excluded ??= new HashSet<string>();
        if (set.Ids is { } ids)
        {
            var docs = await accounts.DocumentsAsync(agencyId, ids, cancellationToken);
            return ids.Where(id => docs.ContainsKey(id) && !excluded.Contains(id)).Select(id => AccountDocument.Deserialize(docs[id])).ToList();
        }

        var selector = set.Selector!;
        var selected = (await accounts.SelectAsync(agencyId, selector.Brand,
                selector.Platforms.Select(WireName<Domain.Accounts.Platform>.Of).ToList(),
                selector.Kinds.Select(WireName<Domain.Accounts.AccountKind>.Of).ToList(),
                selector.Tags, cancellationToken))
            .Select(AccountDocument.Deserialize).Where(a => !excluded.Contains(a.Id)).ToList();
        if (selector.TopByAffinity is not { } top)
        {
            return selected;
        }

        // The same ranking as the matches endpoints, over the selected accounts and the campaign's content.
        var productDocs = await products.DocumentsAsync(agencyId, productIds, cancellationToken);
        var productList = productDocs.Values.Select(Documents.Deserialize<ProductSnapshot>).ToList();
        var terms = ContentTerms.From(
            videoList.SelectMany(v => v.Tags).Concat(productList.SelectMany(p => p.Tags)),
            videoList.SelectMany(v => v.Topics.Select(t => t.TrimStart('#'))).Concat(productList.SelectMany(p => p.HotKeywords)));
        var ranked = AffinityRanking.Rank(terms,
            selected.Select(a => new AffinityCandidate(a.Id, a.AudienceTags, a.Followers)), top);
        var byId = selected.ToDictionary(a => a.Id);
        return ranked.Select(m => byId[m.AccountId]).ToList();
    }
}
