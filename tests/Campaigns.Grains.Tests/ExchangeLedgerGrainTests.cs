using Campaigns.Domain.Common;
using Campaigns.Domain.Exchanges;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Grains.Tests.Support;
using Campaigns.Storage;

namespace Campaigns.Grains.Tests;

/// <summary>The ledger grain's reservation decision: an exchange that could take an account beyond the credit limit is refused whole.</summary>
public sealed class ExchangeLedgerGrainTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private StorageSettings Settings => fixture.Settings;

    [Fact]
    public async Task A_reservation_that_could_pass_the_credit_limit_is_refused_and_stores_nothing_while_one_within_it_is_reserved()
    {
        var agency = Drafts.NewAgencyId();
        var (big, small, peer) = (Drafts.NewAccountId(), Drafts.NewAccountId(), Drafts.NewAccountId());
        // 12,000,000 followers make a post worth 12,000 credits, beyond the default limit of ±10,000.
        await CreateAsync(agency, big, "glow.big", followers: 12_000_000);
        await CreateAsync(agency, small, "glow.small", followers: 12_000);
        await CreateAsync(agency, peer, "glow.peer", followers: 20_000);
        var ledger = fixture.Grains.GetGrain<IExchangeLedgerGrain>(ExchangeLedger.Key(agency));

        // Guarded by "totals => Refusal(totals, ...)" in ExchangeReservations.ReserveAsync: without it the exchange is
        // stored, and the big account could end at +12,000 credits.
        var refused = await ledger.Reserve(null, [Draft(big, small)]);
        Assert.Equal(ErrorKind.Unprocessable, refused.Error?.Kind);
        Assert.Contains($"account {big} could end anywhere from -12 to 12000 credits", refused.Error!.Message);
        Assert.Equal(0L, await CountAsync("exchanges", agency));
        Assert.Equal(0L, await CountAsync("exchange_legs", agency));

        var reserved = await ledger.Reserve(null, [Draft(small, peer)]);
        Assert.True(reserved.Succeeded, reserved.Error?.Message);
        var exchange = Assert.Single(reserved.Value!);
        Assert.Equal((12L, 20L), (exchange.CreditsA, exchange.CreditsB));
        Assert.Equal(2L, await CountAsync("exchange_legs", agency));
    }

    private async Task CreateAsync(string agency, string id, string handle, long followers)
    {
        var created = await fixture.CreateAccount(agency, id, Drafts.Account(handle) with { Followers = followers });
        Assert.True(created.Succeeded, created.Error?.Message);
    }

    private ExchangeDraft Draft(string a, string b)
    {
        var at = fixture.Clock.GetUtcNow().AddHours(1);
        return new ExchangeDraft(a, b, ExchangeKind.Repost,
            new ExchangePush(null, b, "vid_a", "douyin", null, null, [], at),
            new ExchangePush(null, a, "vid_b", "douyin", null, null, [], at));
    }

    private Task<long> CountAsync(string table, string agency) =>
        Tables.ScalarAsync(Settings, $"SELECT COUNT(*) FROM {table} WHERE agency_id = @agency", new { agency });
}
