using Campaigns.Storage.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Campaigns.Storage.Tests;

/// <summary>
/// The grain persistence contract, checked the way Orleans checks its providers: round trip, clear,
/// reactivation, restart, and optimistic concurrency through ETags. Callers pass a migrated database.
/// </summary>
internal static class GrainStorageScenarios
{
    private const string GrainType = "campaigns.tests.counter";

    public static async Task WriteReadClear(StorageSettings settings)
    {
        await using var cluster = await StorageCluster.StartAsync(settings, NewServiceId());
        var grain = cluster.Client.GetGrain<ICounterGrain>(1);

        var fresh = await grain.Get();
        Assert.False(fresh.RecordExists);
        Assert.Null(fresh.ETag);

        await grain.Set(42, "hello");
        var written = await grain.Get();
        Assert.Equal((42, "hello", true), (written.Value, written.Text, written.RecordExists));

        await grain.Set(43, null);
        Assert.Equal(43, (await grain.Get()).Value);

        await grain.Clear();
        var cleared = await grain.Get();
        Assert.Equal((0, null, false), (cleared.Value, cleared.Text, cleared.RecordExists));

        // A cleared grain can be written again (its ETag continues from the clear).
        await grain.Set(7, "again");
        await cluster.DeactivateAsync(grain);
        Assert.Equal(7, (await grain.Get()).Value);
    }

    public static async Task StateSurvivesDeactivation(StorageSettings settings)
    {
        await using var cluster = await StorageCluster.StartAsync(settings, NewServiceId());
        var grain = cluster.Client.GetGrain<ICounterGrain>(2);
        await grain.Set(5, "persisted");
        var before = await grain.Get();

        await cluster.DeactivateAsync(grain);

        var after = await grain.Get();
        Assert.NotEqual(before.ActivationId, after.ActivationId);
        Assert.Equal((5, "persisted", true, before.ETag), (after.Value, after.Text, after.RecordExists, after.ETag));
    }

    public static async Task StateSurvivesClusterRestart(StorageSettings settings)
    {
        var serviceId = NewServiceId();
        await using (var first = await StorageCluster.StartAsync(settings, serviceId))
        {
            await first.Client.GetGrain<ICounterGrain>(3).Set(99, "before restart");
            await first.StopAllSilosAsync();
        }

        await using var second = await StorageCluster.StartAsync(settings, serviceId);
        var state = await second.Client.GetGrain<ICounterGrain>(3).Get();
        Assert.Equal((99, "before restart", true), (state.Value, state.Text, state.RecordExists));
    }

    public static async Task StaleETagsAreRejected(StorageSettings settings)
    {
        await using var cluster = await StorageCluster.StartAsync(settings, NewServiceId());
        var storage = cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Store);
        var grainId = GrainId.Create(GrainType, Guid.NewGuid().ToString("N"));

        var owner = new GrainState<CounterState>(new CounterState { Value = 1 });
        await storage.WriteStateAsync(GrainType, grainId, owner);
        Assert.False(string.IsNullOrEmpty(owner.ETag));
        var firstETag = owner.ETag;

        // A second activation that never read the row: its first write must not overwrite it.
        var intruder = new GrainState<CounterState>(new CounterState { Value = 666 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainType, grainId, intruder));

        owner.State!.Value = 2;
        await storage.WriteStateAsync(GrainType, grainId, owner);
        Assert.NotEqual(firstETag, owner.ETag);

        // Holders of the old ETag can neither write nor clear.
        var stale = new GrainState<CounterState>(new CounterState { Value = 666 }) { ETag = firstETag, RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainType, grainId, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(GrainType, grainId, stale));

        var reader = new GrainState<CounterState>();
        await storage.ReadStateAsync(GrainType, grainId, reader);
        Assert.Equal((2, owner.ETag, true), (reader.State!.Value, reader.ETag, reader.RecordExists));
    }

    public static async Task DeleteOnClearRemovesTheRow(StorageSettings settings)
    {
        await using var cluster = await StorageCluster.StartAsync(settings, NewServiceId());
        var storage = cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.DeletingStore);
        var grainId = GrainId.Create(GrainType, Guid.NewGuid().ToString("N"));

        var state = new GrainState<CounterState>(new CounterState { Value = 1 });
        await storage.WriteStateAsync(GrainType, grainId, state);
        var stale = new GrainState<CounterState>(new CounterState()) { ETag = state.ETag, RecordExists = true };
        state.State!.Value = 2;
        await storage.WriteStateAsync(GrainType, grainId, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(GrainType, grainId, stale));
        await storage.ClearStateAsync(GrainType, grainId, state);
        Assert.Null(state.ETag);

        var reader = new GrainState<CounterState>();
        await storage.ReadStateAsync(GrainType, grainId, reader);
        Assert.Equal((false, null), (reader.RecordExists, reader.ETag));

        // With the row gone the grain starts over as a first write.
        await storage.WriteStateAsync(GrainType, grainId, state);
        Assert.NotNull(state.ETag);
    }

    private static string NewServiceId() => "storage-tests-" + Guid.NewGuid().ToString("N");
}
