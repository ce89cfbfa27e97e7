namespace Campaigns.Grains.Brands;

/// <summary>The persisted state of a brand grain: its freeze.</summary>
[GenerateSerializer]
public sealed class BrandState
{
    /// <summary>True while the brand is frozen.</summary>
    [Id(0)] public bool Frozen { get; set; }

    /// <summary>When the current freeze began; null while not frozen.</summary>
    [Id(1)] public DateTimeOffset? FrozenAt { get; set; }

    /// <summary>
    /// True from a freeze or unfreeze until its campaigns and pushes have all been paused or held (resumed or
    /// released); the grain finishes it by itself (a timer, its next activation) or when the request is repeated.
    /// </summary>
    [Id(2)] public bool Applying { get; set; }
}
