
using Campaigns.Grains.Abstractions.Brands;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Grains.Abstractions.Pushes;
using Campaigns.Grains.Tests.Support;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Pushes;
using Campaigns.Storage;
using Campaigns.Testing;
namespace Campaigns.Grains.Tests;

/// <summary>The brand grain owns the freeze: campaigns, schedules and exchanges of the brand ask it, and it steers them.</summary>
public sealed class BrandGrainTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private StorageSettings Settings => fixture.Settings;

    private IBrandGrain Brand(string agency, string brand) => fixture.Grains.GetGrain<IBrandGrain>(GrainKeys.For(agency, brand));

    /// <summary>A campaign of the brand, registered with it first as the create handler does; launched unless told otherwise.</summary>
    private async Task<(string Id, ICampaignGrain Grain)> CampaignAsync(string agency, string brand, bool launch = true)
    {
        var id = CampaignPlans.NewId();
        await Brand(agency, brand).Register(id);
        var grain = fixture.Grains.GetGrain<ICampaignGrain>(GrainKeys.For(agency, id));
        await grain.Create(CampaignPlans.Matrix(brand));
        if (launch)
        {
            Assert.True((await grain.Launch(CampaignPlans.Plan(fixture.Clock.GetUtcNow().AddHours(1), 0, "acc_a"), [])).Succeeded);
        }
        return (id, grain);
    }

    [Fact]
    public async Task A_freeze_pauses_the_brands_running_campaigns_holds_its_other_pushes_and_the_unfreeze_undoes_only_that()
    {
        var agency = Drafts.NewAgencyId();
        var (scheduled, scheduledGrain) = await CampaignAsync(agency, "frost");
        var (_, byHandGrain) = await CampaignAsync(agency, "frost");
        await byHandGrain.Pause(CampaignReasons.Requested);
        await CampaignAsync(agency, "frost", launch: false);
        var (other, _) = await CampaignAsync(agency, "sun");
        var store = new OwnerPushes(new DbConnectionFactory(Settings));
        await store.InsertAsync([
            StandalonePush(agency, "psh_sch_frost", "sch_1", "frost"), StandalonePush(agency, "psh_exc_frost", "exc_1", "frost"),
            StandalonePush(agency, "psh_exc_sun", "exc_2", "sun"),
        ]);

        var frozen = await Brand(agency, "frost").Freeze();

        Assert.True(frozen.Frozen);
        Assert.Equal([scheduled], frozen.CampaignIds); // not the draft, not the one paused by hand, not the other brand's
        Assert.Equal(2, frozen.OtherPushes);
        Assert.Equal(CampaignStatus.Paused, (await scheduledGrain.Get())!.Status);
        Assert.True(await Brand(agency, "frost").IsFrozen());
        Assert.False(await Brand(agency, "sun").IsFrozen());
        Assert.Equal(CampaignStatus.Scheduled, (await fixture.Grains.GetGrain<ICampaignGrain>(GrainKeys.For(agency, other)).Get())!.Status);
        // Schedules and exchanges have no pause of their own: their pushes hear "hold" from the brand when they ask.
        var exchange = fixture.Grains.GetGrain<IExchangeGrain>(GrainKeys.For(agency, "exc_1"));
        Assert.Equal(FireDecision.Hold, await exchange.DecideFire("psh_exc_frost"));
        Assert.Equal(FireDecision.Fire, await fixture.Grains.GetGrain<IExchangeGrain>(GrainKeys.For(agency, "exc_2")).DecideFire("psh_exc_sun"));
        Assert.Equal(["psh_exc_frost/1", "psh_exc_sun/0", "psh_sch_frost/1"], (await HeldAsync(agency)));

        var thawed = await Brand(agency, "frost").Unfreeze();

        Assert.Equal([scheduled], thawed.CampaignIds);
        Assert.Equal(2, thawed.OtherPushes);
        Assert.Equal(CampaignStatus.Scheduled, (await scheduledGrain.Get())!.Status);
        Assert.Equal(CampaignStatus.Paused, (await byHandGrain.Get())!.Status); // paused by hand: stays paused
        Assert.Equal(FireDecision.Fire, await exchange.DecideFire("psh_exc_frost"));
        Assert.Equal(["psh_exc_frost/0", "psh_exc_sun/0", "psh_sch_frost/0"], (await HeldAsync(agency)));
    }

    [Fact]
    public async Task A_campaign_launched_while_its_brand_is_frozen_starts_paused_in_one_write_and_the_unfreeze_resumes_it()
    {
        var agency = Drafts.NewAgencyId();
        await Brand(agency, "frost").Freeze();
        var (id, grain) = await CampaignAsync(agency, "frost");

        Assert.Equal(CampaignStatus.Paused, (await grain.Get())!.Status);
        Assert.All(await Tables.PushesAsync(Settings, agency, id), p => Assert.Equal(1, p.Held));
        Assert.Equal(["created", "launched", "paused"], await Tables.TimelineAsync(Settings, agency, id));

        Assert.Equal([id], (await Brand(agency, "frost").Unfreeze()).CampaignIds);
        Assert.Equal(CampaignStatus.Scheduled, (await grain.Get())!.Status);
        Assert.All(await Tables.PushesAsync(Settings, agency, id), p => Assert.Equal(0, p.Held));
    }

    [Fact]
    public async Task A_freeze_recorded_by_an_earlier_version_in_brand_freezes_is_taken_over()
    {
        var agency = Drafts.NewAgencyId();
        await Tables.ExecuteAsync(Settings, "INSERT INTO brand_freezes (agency_id, brand, frozen_at) VALUES (@agency, 'frost', 1)", new { agency });

        // Guarded by "_store.LegacyFrozenAtAsync" in BrandGrain.OnActivateAsync.
        Assert.True(await Brand(agency, "frost").IsFrozen());
        Assert.False((await Brand(agency, "frost").Unfreeze()).Frozen);
        Assert.False(await Brand(agency, "frost").IsFrozen());
    }

    [Fact]
    public async Task A_freeze_that_fails_part_way_says_so_finishes_by_itself_and_a_repeat_lists_every_campaign_it_paused()
    {
        var agency = Drafts.NewAgencyId();
        var (first, firstGrain) = await CampaignAsync(agency, "frost");
        var (second, secondGrain) = await CampaignAsync(agency, "frost");
        var (late, lateGrain) = string.CompareOrdinal(first, second) < 0 ? (second, secondGrain) : (first, firstGrain);

        await using (await Faults.FailStateWritesAsync(Settings, late))
        {
            await Assert.ThrowsAsync<CommandIncompleteException>(() => Brand(agency, "frost").Freeze());
            Assert.True(await Brand(agency, "frost").IsFrozen()); // the freeze itself is durable
            Assert.Equal(CampaignStatus.Scheduled, (await lateGrain.Get())!.Status);
        }
        // Guarded by "_retry.Arm(ApplyRetry)" in BrandGrain.ChangeAsync: the grain carries on by itself.
        await fixture.UntilAsync(async () => (await lateGrain.Get())!.Status == CampaignStatus.Paused);

        // The client's retry lists both. Guarded by the first lines of CampaignGrain.Pause: pausing again for the freeze
        // a campaign the freeze paused is answered as done, not refused.
        Assert.Equal(new[] { first, second }.Order(), (await Brand(agency, "frost").Freeze()).CampaignIds.Order());
    }

    /// <summary>The pushes no campaign owns, as id/held.</summary>
    private async Task<List<string>> HeldAsync(string agency) =>
        [.. (await Tables.PushesAsync(Settings, agency, "sch_1")).Concat(await Tables.PushesAsync(Settings, agency, "exc_1"))
            .Concat(await Tables.PushesAsync(Settings, agency, "exc_2")).Select(p => $"{p.Id}/{p.Held}").Order()];

    private static PushRow StandalonePush(string agency, string id, string owner, string brand) => new()
    {
        AgencyId = agency, Id = id, CampaignId = owner, AccountId = "acc_x", VideoId = "vid_1", Platform = "douyin", Brand = brand,
        ScheduledAt = 1, DueAt = 1, UpdatedAt = 1,
    };
}
