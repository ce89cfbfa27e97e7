using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// The host's own grain storage with one switch: the next writes of a chosen grain fail as a lost database would
/// (a <see cref="TimeoutException"/>, which the grains translate to "storage unavailable"), before anything is written.
/// Everything else goes to the real provider underneath.
/// </summary>
public sealed class FaultyGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private string? _grainKeyPart;
    private int _failures;

    /// <summary>The next <paramref name="count"/> writes of a grain whose id contains <paramref name="grainKeyPart"/> fail.</summary>
    public void FailNextWrites(string grainKeyPart, int count = 1)
    {
        _grainKeyPart = grainKeyPart;
        Volatile.Write(ref _failures, count);
    }

    /// <summary>How many armed failures are left.</summary>
    public int PendingFailures => Volatile.Read(ref _failures);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_grainKeyPart is { } part && grainId.ToString().Contains(part, StringComparison.Ordinal) && Interlocked.Decrement(ref _failures) >= 0)
        {
            throw new TimeoutException("Injected storage fault: the database did not answer.");
        }
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    /// <summary>Puts a <see cref="FaultyGrainStorage"/> around the named provider; the instance is <paramref name="holder"/>'s once the silo builds it.</summary>
    public static void Install(IServiceCollection services, string name, Action<FaultyGrainStorage> holder)
    {
        var original = services.Single(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, name));
        services.Remove(original);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) =>
        {
            var faulty = new FaultyGrainStorage((IGrainStorage)original.KeyedImplementationFactory!(sp, key));
            holder(faulty);
            return faulty;
        });
    }
}
