namespace Campaigns.Grains.Abstractions.Products;

/// <summary>What every push that carried a product has sold, rolled up.</summary>
[GenerateSerializer, Immutable]
public sealed record ProductStats([property: Id(0)] long Clicks, [property: Id(1)] long Orders, [property: Id(2)] decimal Gmv)
{
    public static ProductStats Empty { get; } = new(0, 0, 0);

    /// <summary>Orders per click; null until there is a click to divide by.</summary>
    public double? ConversionRate => Clicks == 0 ? null : (double)Orders / Clicks;
}
