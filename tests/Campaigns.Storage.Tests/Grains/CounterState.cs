namespace Campaigns.Storage.Tests.Grains;

/// <summary>Persistent state of <see cref="CounterGrain"/>.</summary>
[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)] public int Value { get; set; }

    [Id(1)] public string? Text { get; set; }
}
