
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Products;
using Campaigns.Grains.Common;
using Campaigns.Storage.Products;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
namespace Campaigns.Grains.Products;

/// <summary>One product. Its SKU is claimed through the read model's unique index.</summary>
public sealed class ProductGrain(
    [PersistentState("product", StorageNames.Campaigns)] IPersistentState<ProductState> state,
    ProductStore readModel,
    TimeProvider clock,
    ILogger<ProductGrain> logger) : Grain, IProductGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        state.State.Product ??= await CreationProtocol.AdoptAsync<ProductSnapshot>(this, readModel.FindDocumentAsync, cancellationToken);

    public Task<ProductSnapshot?> Get() => Task.FromResult(state.State.Product);

    public async Task<Outcome<ProductSnapshot>> Create(ProductDraft draft)
    {
        var (agencyId, id) = GrainKeys.Split(this.GetPrimaryKeyString());
        if (state.State.Product is not null)
        {
            return Outcome<ProductSnapshot>.Fail(ErrorKind.Conflict, $"Product {id} already exists.");
        }

        var product = ProductRows.New(agencyId, id, draft, clock.GetUtcNow());
        var row = ProductRows.From(product);

        var created = await CreationProtocol.RunAsync(
            () => readModel.TryInsertAsync(row),
            () =>
            {
                state.State.Product = product;
                return state.WriteStateAsync();
            },
            () => state.State.Product = null,
            () => readModel.DeleteAsync(agencyId, id),
            logger);
        if (!created)
        {
            return Outcome<ProductSnapshot>.Fail(ErrorKind.Conflict, $"SKU '{draft.Sku}' is already used by another product.", "sku");
        }
        logger.LogInformation("Product {ProductId} created with SKU {Sku}", id, draft.Sku);
        return Outcome<ProductSnapshot>.Ok(product);
    }
}
