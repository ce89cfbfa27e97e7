using System.Text.Json.Serialization;
using Campaigns.Application.Common;
using Campaigns.Domain.Common;
using Campaigns.Domain.Products;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Products;
using FluentValidation;
using Mediator;

namespace Campaigns.Application.Products;

/// <summary>A price as clients send it.</summary>
public sealed record MoneyInput(decimal? Amount, string? Currency);

/// <summary>Add a product to the agency's catalogue (<c>POST /v1/products</c>).</summary>
public sealed record CreateProduct(
    string? Sku,
    string? Title,
    MoneyInput? Price,
    List<string>? Tags,
    List<string>? HotKeywords,
    string? ShopUrl) : ICommand<Outcome<ProductView>>
{
    /// <summary>The calling agency; set by the gateway.</summary>
    [JsonIgnore]
    public string AgencyId { get; init; } = "";
}

public sealed class CreateProductValidator : AbstractValidator<CreateProduct>
{
    public const int MaxSkuLength = 64, MaxTitleLength = 200;

    public CreateProductValidator()
    {
        RuleFor(c => c.Sku).NotEmpty().MaximumLength(MaxSkuLength)
            .Matches(@"^[\p{L}\p{N}_.\-/]+$").WithMessage("May contain letters, digits, '_', '.', '-' and '/' only.");
        RuleFor(c => c.Title).NotEmpty().MaximumLength(MaxTitleLength);
        RuleFor(c => c.Price).NotNull();
        RuleFor(c => c.Price!.Amount).NotNull()
            .Must(a => a is null || Prices.IsPlausible(a.Value))
            .WithMessage($"Must be between 0 and {Prices.MaxAmount} with at most {Prices.MaxDecimals} decimals.")
            .When(c => c.Price is not null);
        RuleFor(c => c.Price!.Currency).NotEmpty()
            .Must(Currencies.IsKnown).WithMessage("Must be an ISO 4217 code such as CNY or USD.")
            .When(c => c.Price is not null);
        RuleFor(c => c.Tags).TagList(ListRules.MaxTags);
        RuleFor(c => c.HotKeywords).TagList(ListRules.MaxKeywords);
        RuleFor(c => c.ShopUrl).HttpUrl();
    }
}

public sealed class CreateProductHandler(IGrainFactory grains, TimeProvider clock) : ICommandHandler<CreateProduct, Outcome<ProductView>>
{
    public async ValueTask<Outcome<ProductView>> Handle(CreateProduct command, CancellationToken cancellationToken)
    {
        var id = Ids.New(ProductLookup.Prefix, clock);
        var outcome = await grains.GetGrain<IProductGrain>(GrainKeys.For(command.AgencyId, id)).Create(ProductDrafts.From(command));
        return outcome.Map(ProductView.From);
    }
}
