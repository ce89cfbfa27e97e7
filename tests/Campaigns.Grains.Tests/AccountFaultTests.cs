using Campaigns.Domain.Accounts;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Tests.Support;
using Campaigns.Storage;
using Campaigns.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Campaigns.Grains.Tests;

/// <summary>
/// The accounts read model refusing a write right after the account's durable state write: the command is answered as
/// done (never as a storage failure, which would say nothing changed), and the row catches up with the state — by the
/// grain's repair timer, or by the next activation after the grain died with the row still behind. The refusal is the
/// database's own (a SQLite trigger on the accounts table), so the real store meets a real error.
/// </summary>
public sealed class AccountFaultTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private StorageSettings Settings => fixture.Settings;

    /// <summary>Refuses every update of the account's read-model row (the upsert's update half).</summary>
    private static Task<Faults> FailRowUpdatesAsync(StorageSettings settings, string accountId) =>
        Faults.FailAsync(settings, "accounts", "UPDATE", $"NEW.id = '{accountId}'");

    [Fact]
    public async Task Changes_whose_read_model_row_fails_are_answered_as_done_and_the_row_catches_up()
    {
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        var grain = fixture.Grains.GetGrain<IAccountGrain>(GrainKeys.For(agencyId, accountId));
        Assert.True((await fixture.CreateAccount(agencyId, accountId, Drafts.Account("fault.lab"))).Succeeded);
        var at = fixture.Clock.GetUtcNow().AddMinutes(1);

        await using (await FailRowUpdatesAsync(Settings, accountId))
        {
            // Guarded by "catch (StorageUnavailableException ex)" in AccountProjection.ProjectAsync: without it the
            // failed upsert throws out of the command, which the gateway answers 503 "nothing was changed" although the
            // account is suspended (and its followers recorded) durably.
            var suspended = await grain.Suspend();
            Assert.Equal((AccountStatus.Suspended, 2L), (suspended.Value!.Status, suspended.Value.Version));
            var followers = await grain.RecordFollowers(at, 15_000);
            Assert.Equal((15_000L, true), (followers.Value!.Followers, followers.Value.Current));

            var row = await ReadModel.FindAsync(Settings, agencyId, accountId);
            Assert.Equal(("active", 1L, 12_000L), (row!.Status, row.Version, row.Followers)); // the fault held: the row lags
            Assert.Equal(AccountStatus.Suspended, (await grain.Get())!.Status);
        }

        // Guarded by "Repair.Arm(RepairRetry)" in AccountProjection.ProjectAsync: without it nothing writes the row again
        // until the account's next change, and the poll runs out.
        await fixture.UntilAsync(async () => await ReadModel.FindAsync(Settings, agencyId, accountId) is { Status: "suspended", Version: 3, Followers: 15_000 });
    }

    [Fact]
    public async Task A_row_left_behind_when_the_grain_died_is_repaired_by_its_next_activation()
    {
        using var database = new TempSqliteDatabase();
        var settings = new StorageSettings(StorageProvider.Sqlite, database.ConnectionString);
        DatabaseMigrator.Migrate(settings);
        var clock = new FakeTimeProvider(GrainClusterFixture.Start);
        var serviceId = "grains-account-repair-" + Guid.NewGuid().ToString("N");
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        var key = GrainKeys.For(agencyId, accountId);

        await using (var first = await GrainCluster.StartAsync(settings, clock, serviceId))
        {
            var grain = first.Client.GetGrain<IAccountGrain>(key);
            Assert.True((await first.Client.CreateAccount(agencyId, accountId, Drafts.Account("fault.lab"))).Succeeded);
            await using (await FailRowUpdatesAsync(settings, accountId))
            {
                // A connector change: the new type's credential and the new secret go to state first, then the row.
                var changed = await grain.Update(new AccountPatch(
                    DisplayName: "Fault Lab", Connector: new AccountConnector(ConnectorType.Sandbox, null, null)));
                Assert.Equal((2L, ConnectorType.Sandbox), (changed.Value!.Version, changed.Value.Connector.Type));
                // The grain goes down with the row behind (the fault outlives it, so its repair timer cannot have helped).
                await first.StopAllSilosAsync();
            }
        }
        Assert.Equal(1L, (await ReadModel.FindAsync(settings, agencyId, accountId))!.Version);

        await using var second = await GrainCluster.StartAsync(settings, clock, serviceId);
        Assert.Equal("Fault Lab", (await second.Client.GetGrain<IAccountGrain>(key).Get())!.DisplayName); // activates it

        // Guarded by "Repair.Arm(TimeSpan.Zero)" in AccountProjection.RepairIfUnprojected (called by AccountGrain.OnActivateAsync): without it the row stays at version 1
        // until the account's next change, and the poll runs out.
        await Timers.UntilAsync(clock, async () => await ReadModel.FindAsync(settings, agencyId, accountId) is { Version: 2 } row
            && AccountDocument.Deserialize(row.Document) is { DisplayName: "Fault Lab", Connector.Type: ConnectorType.Sandbox });
    }
}
