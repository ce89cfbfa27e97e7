using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Grains.Tests.Support;
using Campaigns.Storage;
using Campaigns.Storage.Exchanges;
using Campaigns.Testing;

namespace Campaigns.Grains.Tests;

/// <summary>An exchange campaign's pushes carry credits: the campaign hands each settlement to the ledger, and the ledger's reconciliation catches what it missed.</summary>
public sealed class ExchangeSettlementTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private StorageSettings Settings => fixture.Settings;

    [Fact]
    public async Task A_settled_push_of_an_exchange_campaign_settles_its_credits_and_a_missed_one_is_reconciled()
    {
        var agency = Drafts.NewAgencyId();
        var (a, b) = (Drafts.NewAccountId(), Drafts.NewAccountId());
        await fixture.CreateAccount(agency, a, Drafts.Account("glow.a"));
        await fixture.CreateAccount(agency, b, Drafts.Account("glow.b"));
        var id = CampaignPlans.NewId();
        var campaign = fixture.Grains.GetGrain<ICampaignGrain>(GrainKeys.For(agency, id));
        await campaign.Create(CampaignPlans.Matrix() with { Kind = StrategyKind.Exchange });
        var at = fixture.Clock.GetUtcNow().AddHours(1);
        var launched = await campaign.Launch(
            [new LaunchPush(a, "douyin", "vid_1", at, 0, null, [], ContentOwnerId: b), new LaunchPush(b, "douyin", "vid_2", at, 0, null, [], ContentOwnerId: a)], []);
        Assert.True(launched.Succeeded, launched.Error?.Message);
        var pushes = await Tables.PushesAsync(Settings, agency, id);
        Assert.Equal(2L, await LegsAsync(agency, "pending"));

        await Tables.PublishAsync(Settings, agency, pushes[0].Id, at);
        // Guarded by ".Settle(pushId).Ignore()" in CampaignCompanions.Settled, which CampaignGrain.PushSettled calls.
        await campaign.PushSettled(pushes[0].Id, PushStatus.Published, null);
        await fixture.UntilAsync(async () => await LegsAsync(agency, "settled") == 1);

        // The other push settles and the ledger is never told (the call was lost with a silo): the durable job finds the
        // agency and its ledger reconciles.
        await Tables.PublishAsync(Settings, agency, pushes[1].Id, at);
        Assert.Contains(agency, await new LedgerStore(new DbConnectionFactory(Settings)).AgenciesToReconcileAsync());
        await fixture.Grains.GetGrain<IExchangeLedgerGrain>(ExchangeLedger.Key(agency)).Reconcile();
        Assert.Equal(2L, await LegsAsync(agency, "settled"));
        Assert.DoesNotContain(agency, await new LedgerStore(new DbConnectionFactory(Settings)).AgenciesToReconcileAsync());
    }

    private Task<long> LegsAsync(string agency, string state) =>
        Tables.ScalarAsync(Settings, "SELECT COUNT(*) FROM exchange_legs WHERE agency_id = @agency AND state = @state", new { agency, state });
}
