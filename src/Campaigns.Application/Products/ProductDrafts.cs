using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Products;

namespace Campaigns.Application.Products;

/// <summary>Turns a validated create request into the draft a grain (or the importer) takes.</summary>
public static class ProductDrafts
{
    public static ProductDraft From(CreateProduct command) => new(
        command.Sku!.Trim(),
        command.Title!.Trim(),
        new Money(command.Price!.Amount!.Value, command.Price.Currency!),
        Tags.NormalizeList(command.Tags),
        Tags.NormalizeList(command.HotKeywords),
        command.ShopUrl);
}
