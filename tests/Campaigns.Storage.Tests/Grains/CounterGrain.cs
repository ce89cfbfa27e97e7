namespace Campaigns.Storage.Tests.Grains;

/// <summary>Writes on every change so the database always holds the latest state.</summary>
public sealed class CounterGrain([PersistentState("s", GrainStorageNames.Store)] IPersistentState<CounterState> state)
    : Grain, ICounterGrain
{
    // Distinguishes activations, to prove a read came from storage after a reactivation.
    private readonly Guid _activationId = Guid.NewGuid();

    public Task<CounterSnapshot> Get() => Task.FromResult(
        new CounterSnapshot(state.State.Value, state.State.Text, state.RecordExists, state.Etag, _activationId));

    public Task Set(int value, string? text)
    {
        state.State.Value = value;
        state.State.Text = text;
        return state.WriteStateAsync();
    }

    public Task Clear() => state.ClearStateAsync();
}
