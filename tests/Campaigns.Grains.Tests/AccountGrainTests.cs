using Campaigns.Domain.Accounts;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Tests.Support;
using Campaigns.Storage;
using Campaigns.Storage.Accounts;

namespace Campaigns.Grains.Tests;

public sealed class AccountGrainTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private StorageSettings Settings => fixture.Settings;

    [Fact]
    public async Task Creating_an_account_returns_version_1_active_with_the_clock_time_and_no_secret()
    {
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        fixture.Clock.Advance(TimeSpan.FromMinutes(3));
        var now = fixture.Clock.GetUtcNow();

        var outcome = await fixture.CreateAccount(agencyId, accountId, Drafts.Account("  Glow.Lab  "));

        Assert.True(outcome.Succeeded, outcome.Error?.Message);
        var account = outcome.Value!;
        Assert.Equal((accountId, agencyId, "Glow.Lab"), (account.Id, account.AgencyId, account.Handle));
        Assert.Equal((1L, AccountStatus.Active), (account.Version, account.Status));
        Assert.Equal((now, now), (account.CreatedAt, account.UpdatedAt));
        Assert.Null(account.Connector.Secret);
        Assert.Equal((ConnectorType.Webhook, "https://publisher.example/hook"), (account.Connector.Type, account.Connector.Url));

        var read = await fixture.Account(agencyId, accountId).Get();
        Assert.NotNull(read);
        Assert.Equal((1L, now), (read.Version, read.CreatedAt));
        Assert.Null(read.Connector.Secret);
    }

    [Fact]
    public async Task Creating_an_account_writes_a_read_model_row_with_the_handle_key_and_normalised_tags()
    {
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var now = fixture.Clock.GetUtcNow();

        var created = await fixture.CreateAccount(agencyId, accountId, Drafts.Account(" Glow.LAB ", Platform.WechatChannels));

        Assert.True(created.Succeeded, created.Error?.Message);
        var row = await ReadModel.FindAsync(Settings, agencyId, accountId);
        Assert.NotNull(row);
        Assert.Equal(("wechat-channels", "glow.lab"), (row.Platform, row.HandleKey));
        Assert.Equal(("Glow", "influencer", "active", 12_000L, 1L), (row.Brand, row.Kind, row.Status, row.Followers, row.Version));
        Assert.Equal(now.ToUnixTimeMilliseconds(), row.CreatedAt);
        Assert.Equal(now.ToUnixTimeMilliseconds(), row.UpdatedAt);
        Assert.DoesNotContain(Drafts.Secret, row.Document);
        Assert.Equal("Glow.LAB", AccountDocument.Deserialize(row.Document).Handle);

        var tags = await ReadModel.TagsAsync(Settings, agencyId, accountId);
        Assert.Equal(new Dictionary<string, double> { ["skin care"] = 0.9, ["美妆"] = 0.6 }, tags);
    }

    [Fact]
    public async Task A_second_account_with_the_same_handle_in_another_case_is_a_conflict_and_leaves_no_row()
    {
        var agencyId = Drafts.NewAgencyId();
        var (firstId, secondId) = (Drafts.NewAccountId(), Drafts.NewAccountId());
        Assert.True((await fixture.CreateAccount(agencyId, firstId, Drafts.Account("glow.lab"))).Succeeded);

        var second = await fixture.CreateAccount(agencyId, secondId, Drafts.Account("GLOW.Lab", displayName: "Impostor"));

        Assert.False(second.Succeeded);
        Assert.Equal((ErrorKind.Conflict, "handle"), (second.Error!.Kind, second.Error.Field));
        Assert.Null(await fixture.Account(agencyId, secondId).Get());
        Assert.Null(await ReadModel.FindAsync(Settings, agencyId, secondId));
        Assert.Equal([firstId], await ReadModel.IdsHoldingAsync(Settings, agencyId, "douyin", "glow.lab"));
        Assert.Equal("Glow Lab", (await fixture.Account(agencyId, firstId).Get())!.DisplayName);
    }

    [Fact]
    public async Task The_same_handle_in_another_agency_is_free()
    {
        var (firstAgency, secondAgency) = (Drafts.NewAgencyId(), Drafts.NewAgencyId());
        var (firstId, secondId) = (Drafts.NewAccountId(), Drafts.NewAccountId());
        Assert.True((await fixture.CreateAccount(firstAgency, firstId, Drafts.Account("glow.lab"))).Succeeded);

        var second = await fixture.CreateAccount(secondAgency, secondId, Drafts.Account("Glow.Lab"));

        Assert.True(second.Succeeded, second.Error?.Message);
        Assert.Equal(secondAgency, second.Value!.AgencyId);
        Assert.Equal([firstId], await ReadModel.IdsHoldingAsync(Settings, firstAgency, "douyin", "glow.lab"));
        Assert.Equal([secondId], await ReadModel.IdsHoldingAsync(Settings, secondAgency, "douyin", "glow.lab"));
    }

    [Fact]
    public async Task The_same_handle_on_another_platform_is_free()
    {
        var agencyId = Drafts.NewAgencyId();
        Assert.True((await fixture.CreateAccount(agencyId, Drafts.NewAccountId(), Drafts.Account("glow.lab"))).Succeeded);

        var other = await fixture.CreateAccount(agencyId, Drafts.NewAccountId(), Drafts.Account("glow.lab", Platform.Xiaohongshu));

        Assert.True(other.Succeeded, other.Error?.Message);
        Assert.Equal(2, await ReadModel.CountAsync(Settings, agencyId));
    }

    [Fact]
    public async Task Creating_an_account_that_exists_is_a_conflict_and_changes_nothing()
    {
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        Assert.True((await fixture.CreateAccount(agencyId, accountId, Drafts.Account("glow.lab"))).Succeeded);

        var again = await fixture.CreateAccount(agencyId, accountId, Drafts.Account("another.handle", displayName: "Other"));

        Assert.Equal(ErrorKind.Conflict, again.Error?.Kind);
        var account = await fixture.Account(agencyId, accountId).Get();
        Assert.Equal(("glow.lab", "Glow Lab", 1L), (account!.Handle, account.DisplayName, account.Version));
        Assert.Empty(await ReadModel.IdsHoldingAsync(Settings, agencyId, "douyin", "another.handle"));
    }

    [Fact]
    public async Task Updating_an_account_bumps_the_version_and_refreshes_the_read_model()
    {
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        var created = (await fixture.CreateAccount(agencyId, accountId, Drafts.Account("glow.lab"))).Value!;
        fixture.Clock.Advance(TimeSpan.FromHours(2));
        var later = fixture.Clock.GetUtcNow();

        var updated = await fixture.Account(agencyId, accountId).Update(new AccountPatch(
            DisplayName: "Glow Lab Official",
            AudienceTags: new() { ["travel"] = 0.4 },
            Connector: new AccountConnector(ConnectorType.Webhook, "https://publisher.example/v2", "whsec-rotated-77")));

        Assert.True(updated.Succeeded, updated.Error?.Message);
        var account = updated.Value!;
        Assert.Equal((2L, "Glow Lab Official"), (account.Version, account.DisplayName));
        Assert.Equal((created.CreatedAt, later), (account.CreatedAt, account.UpdatedAt));
        Assert.Equal("Glow", account.Brand); // untouched by the patch
        Assert.Equal(("https://publisher.example/v2", null), (account.Connector.Url, account.Connector.Secret));

        var row = await ReadModel.FindAsync(Settings, agencyId, accountId);
        Assert.Equal((2L, later.ToUnixTimeMilliseconds()), (row!.Version, row.UpdatedAt));
        Assert.Equal("Glow Lab Official", AccountDocument.Deserialize(row.Document).DisplayName);
        Assert.DoesNotContain("whsec-rotated-77", row.Document);
        Assert.Equal(new Dictionary<string, double> { ["travel"] = 0.4 }, await ReadModel.TagsAsync(Settings, agencyId, accountId));
    }

    [Fact]
    public async Task Suspending_and_resuming_bump_the_version_and_show_in_the_read_model()
    {
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        var grain = fixture.Account(agencyId, accountId);
        Assert.True((await fixture.CreateAccount(agencyId, accountId, Drafts.Account("glow.lab"))).Succeeded);

        var suspended = await grain.Suspend();

        Assert.Equal((AccountStatus.Suspended, 2L), (suspended.Value!.Status, suspended.Value.Version));
        var row = await ReadModel.FindAsync(Settings, agencyId, accountId);
        Assert.Equal(("suspended", 2L), (row!.Status, row.Version));

        var resumed = await grain.Resume();

        Assert.Equal((AccountStatus.Active, 3L), (resumed.Value!.Status, resumed.Value.Version));
        row = await ReadModel.FindAsync(Settings, agencyId, accountId);
        Assert.Equal(("active", 3L), (row!.Status, row.Version));
        Assert.Equal(AccountStatus.Active, AccountDocument.Deserialize(row.Document).Status);
    }

    [Fact]
    public async Task Suspending_a_suspended_account_is_a_conflict()
    {
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        var grain = fixture.Account(agencyId, accountId);
        Assert.True((await fixture.CreateAccount(agencyId, accountId, Drafts.Account("glow.lab"))).Succeeded);
        Assert.True((await grain.Suspend()).Succeeded);

        var again = await grain.Suspend();

        Assert.Equal(ErrorKind.Conflict, again.Error?.Kind);
        Assert.Equal(2L, (await grain.Get())!.Version);
        Assert.Equal(2L, (await ReadModel.FindAsync(Settings, agencyId, accountId))!.Version);
    }

    [Fact]
    public async Task Resuming_an_active_account_is_a_conflict()
    {
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        var grain = fixture.Account(agencyId, accountId);
        Assert.True((await fixture.CreateAccount(agencyId, accountId, Drafts.Account("glow.lab"))).Succeeded);

        var resumed = await grain.Resume();

        Assert.Equal(ErrorKind.Conflict, resumed.Error?.Kind);
        Assert.Equal(1L, (await grain.Get())!.Version);
    }

    [Fact]
    public async Task Changing_an_account_that_was_never_created_is_not_found_and_writes_no_row()
    {
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        var grain = fixture.Account(agencyId, accountId);

        var outcomes = new[] { await grain.Update(new AccountPatch(DisplayName: "Ghost")), await grain.Suspend(), await grain.Resume() };

        Assert.All(outcomes, o => Assert.Equal(ErrorKind.NotFound, o.Error?.Kind));
        Assert.Null(await grain.Get());
        Assert.Equal(0, await ReadModel.CountAsync(Settings, agencyId));
    }

    [Fact]
    public async Task An_account_survives_deactivation()
    {
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        var grain = fixture.Account(agencyId, accountId);
        var created = (await fixture.CreateAccount(agencyId, accountId, Drafts.Account("glow.lab"))).Value!;
        Assert.True((await grain.Suspend()).Succeeded);

        await fixture.Cluster.DeactivateAsync(grain);

        var account = await grain.Get();
        Assert.NotNull(account);
        Assert.Equal((AccountStatus.Suspended, 2L, created.CreatedAt), (account.Status, account.Version, account.CreatedAt));
        Assert.Null(account.Connector.Secret);
        // The reactivated grain still knows its state: suspending again is refused, resuming works.
        Assert.Equal(ErrorKind.Conflict, (await grain.Suspend()).Error?.Kind);
        Assert.Equal(3L, (await grain.Resume()).Value!.Version);
    }

    [Fact]
    public async Task An_orphaned_handle_claim_is_released_when_another_account_takes_the_handle()
    {
        // A process that died between claiming the handle and writing the grain leaves a row whose grain has no state.
        var agencyId = Drafts.NewAgencyId();
        var (orphanId, accountId) = (Drafts.NewAccountId(), Drafts.NewAccountId());
        await InsertClaimAsync(agencyId, orphanId, "douyin", "glow.lab");

        var created = await fixture.CreateAccount(agencyId, accountId, Drafts.Account("Glow.Lab"));

        Assert.True(created.Succeeded, created.Error?.Message);
        Assert.Null(await ReadModel.FindAsync(Settings, agencyId, orphanId));
        Assert.Empty(await ReadModel.TagsAsync(Settings, agencyId, orphanId));
        Assert.Equal([accountId], await ReadModel.IdsHoldingAsync(Settings, agencyId, "douyin", "glow.lab"));
        Assert.Null(await fixture.Account(agencyId, orphanId).Get());
    }

    [Fact]
    public async Task Retrying_a_creation_that_died_after_its_claim_projects_the_new_attempt()
    {
        // The same account id claimed the handle before, then the process died before the grain state was written.
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        await InsertClaimAsync(agencyId, accountId, "douyin", "glow.lab");

        var created = await fixture.CreateAccount(agencyId, accountId, Drafts.Account("glow.lab", displayName: "Glow Lab Retry"));

        Assert.True(created.Succeeded, created.Error?.Message);
        var row = await ReadModel.FindAsync(Settings, agencyId, accountId);
        Assert.Equal(("Glow", "influencer"), (row!.Brand, row.Kind));
        Assert.Equal("Glow Lab Retry", AccountDocument.Deserialize(row.Document).DisplayName);
        Assert.Equal(new Dictionary<string, double> { ["skin care"] = 0.9, ["美妆"] = 0.6 }, await ReadModel.TagsAsync(Settings, agencyId, accountId));
    }

    [Fact]
    public async Task Retrying_a_creation_that_died_after_its_claim_may_choose_another_handle()
    {
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        await InsertClaimAsync(agencyId, accountId, "douyin", "glow.lab");

        var created = await fixture.CreateAccount(agencyId, accountId, Drafts.Account("glow.lab.official"));

        Assert.True(created.Succeeded, created.Error?.Message);
        Assert.Equal("glow.lab.official", (await ReadModel.FindAsync(Settings, agencyId, accountId))!.HandleKey);
        Assert.Empty(await ReadModel.IdsHoldingAsync(Settings, agencyId, "douyin", "glow.lab"));
    }

    private async Task InsertClaimAsync(string agencyId, string id, string platform, string handleKey)
    {
        var at = fixture.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var row = new AccountRow(agencyId, id, platform, handleKey, "Stale", "brand", "active", 1, 1, at, at,
            """{"displayName":"Stale claim"}""", new Dictionary<string, double> { ["stale"] = 1 });
        Assert.True(await new AccountStore(new DbConnectionFactory(Settings)).TryInsertAsync(row));
    }
}
