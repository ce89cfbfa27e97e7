using Campaigns.Domain.Reports;
using Campaigns.Grains.Abstractions.Products;

namespace Campaigns.Application.Products;

/// <summary>Money as the API shows it.</summary>
public sealed record MoneyView(decimal Amount, string Currency);

/// <summary>
/// A product's roll-up over the pushes of every video that carries it: engagementRate ((likes + comments + shares) ÷
/// views) and conversionRate (orders ÷ clicks) are null until there is something to divide by.
/// </summary>
public sealed record ProductStatsView(
    int Pushes, int Published, long Views, long Likes, long Comments, long Shares, double? EngagementRate,
    long Clicks, long Orders, MoneyView Gmv, double? ConversionRate)
{
    public static ProductStatsView From(EngagementTotals t, string currency) => new(
        t.Pushes, t.Published, t.Views, t.Likes, t.Comments, t.Shares, t.EngagementRate, t.Clicks, t.Orders,
        new MoneyView(t.Gmv, currency), t.ConversionRate);
}

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
    /// <summary>A product that was never pushed: stats of zero.</summary>
    public static ProductView From(ProductSnapshot p) => From(p, EngagementTotals.Zero);

    /// <summary>The view with stats rolled up from the pushes of the product's videos.</summary>
    public static ProductView From(ProductSnapshot p, EngagementTotals stats) => new(
        p.Id, p.Sku, p.Title, new MoneyView(p.Price.Amount, p.Price.Currency), p.Tags, p.HotKeywords, p.ShopUrl,
        ProductStatsView.From(stats, p.Price.Currency), p.CreatedAt, p.UpdatedAt);
}
