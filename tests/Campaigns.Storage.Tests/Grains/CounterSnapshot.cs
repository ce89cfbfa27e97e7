namespace Campaigns.Storage.Tests.Grains;

/// <summary>What a test sees of a counter grain, including the storage bookkeeping.</summary>
[GenerateSerializer]
public sealed record CounterSnapshot(
    [property: Id(0)] int Value,
    [property: Id(1)] string? Text,
    [property: Id(2)] bool RecordExists,
    [property: Id(3)] string? ETag,
    [property: Id(4)] Guid ActivationId);
