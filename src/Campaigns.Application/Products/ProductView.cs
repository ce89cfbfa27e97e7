using Campaigns.Grains.Abstractions.Catalogue;

namespace Campaigns.Application.Products;

/// <summary>Money as the API shows it.</summary>
public sealed record MoneyView(decimal Amount, string Currency);

/// <summary>A product's sales roll-up; conversionRate (orders ÷ clicks) is null until there are clicks.</summary>
public sealed record ProductStatsView(long Clicks, long Orders, MoneyView Gmv, double? ConversionRate);

/// <summary>A product as the API shows it.</summary>
public sealed record ProductView(
    string Id,
    string Sku,
    string Title,
    MoneyView Price,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> HotKeywords,
    string? ShopUrl,
    ProductStatsView Stats,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The view with stats rolled up from pushes (GMV in ten-thousandths), or the snapshot's own when none.</summary>
    public static ProductView From(ProductSnapshot p, (long Clicks, long Orders, long Gmv)? rolledUp) =>
        From(rolledUp is { } r ? p with { Stats = new ProductStats(r.Clicks, r.Orders, r.Gmv / 10_000m) } : p);

    public static ProductView From(ProductSnapshot p) => new(
        p.Id, p.Sku, p.Title, new MoneyView(p.Price.Amount, p.Price.Currency), p.Tags, p.HotKeywords, p.ShopUrl,
        new ProductStatsView(p.Stats.Clicks, p.Stats.Orders, new MoneyView(p.Stats.Gmv, p.Price.Currency), p.Stats.ConversionRate),
        p.CreatedAt, p.UpdatedAt);
}
