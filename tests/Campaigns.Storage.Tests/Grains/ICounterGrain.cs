namespace Campaigns.Storage.Tests.Grains;

/// <summary>A grain whose only job is to round-trip its state through the "store" provider.</summary>
public interface ICounterGrain : IGrainWithIntegerKey
{
    Task<CounterSnapshot> Get();

    Task Set(int value, string? text);

    Task Clear();
}
