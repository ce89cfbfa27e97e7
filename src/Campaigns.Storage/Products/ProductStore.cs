using System.Text;
using Campaigns.Storage.Common;
using Dapper;

namespace Campaigns.Storage.Products;

/// <summary>The products read model; its unique SKU index is how a new product claims its SKU.</summary>
public sealed class ProductStore(DbConnectionFactory connections)
{
    /// <summary>Inserts a new product; false when its SKU is taken, and then nothing is written.</summary>
    public async Task<bool> TryInsertAsync(ProductRow row, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO products (agency_id, id, sku_key, version, created_at, updated_at, document)
            VALUES (@AgencyId, @Id, @SkuKey, @Version, @CreatedAt, @UpdatedAt, @Document) ON CONFLICT DO NOTHING
            """, row, transaction);
        if (inserted == 0)
        {
            return false;
        }
        await LinkRows.InsertAsync(connection, transaction, "product_tags", "product_id", "tag", row.AgencyId, row.Id, row.Tags);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Replaces the document with a newer version; an older version changes nothing.</summary>
    public async Task UpdateAsync(ProductRow row, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            UPDATE products SET version = @Version, updated_at = @UpdatedAt, document = @Document
            WHERE agency_id = @AgencyId AND id = @Id AND version < @Version
            """, row);
    }

    /// <summary>Removes a product's rows (undoing a claim whose grain write failed).</summary>
    public async Task DeleteAsync(string agencyId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LinkRows.DeleteAsync(connection, transaction, "product_tags", "product_id", agencyId, id);
        await connection.ExecuteAsync("DELETE FROM products WHERE agency_id = @agencyId AND id = @id", new { agencyId, id }, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The stored document of a product, if the row exists.</summary>
    public async Task<string?> FindDocumentAsync(string agencyId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT document FROM products WHERE agency_id = @agencyId AND id = @id", new { agencyId, id });
    }

    /// <summary>The documents of these products of the agency, by id; unknown ids are absent.</summary>
    public Task<IReadOnlyDictionary<string, string>> DocumentsAsync(string agencyId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) =>
        DocumentsById.ReadAsync(connections, "products", agencyId, ids, cancellationToken);

    /// <summary>Which of <paramref name="ids"/> are products of the agency.</summary>
    public async Task<IReadOnlySet<string>> ExistingIdsAsync(string agencyId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0)
        {
            return new HashSet<string>();
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        var found = await connection.QueryAsync<string>(
            $"SELECT id FROM products WHERE agency_id = @agencyId AND {SqlLists.OneOf(connections.Provider, "id", "ids")}", new { agencyId, ids = ids.Distinct().ToArray() });
        return found.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Writes a whole import in one transaction: products and their tags, with multi-row inserts. False, with nothing
    /// written, when any SKU (or id) is already taken.
    /// </summary>
    public async Task<bool> ImportAsync(IReadOnlyList<ProductRow> products, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await BatchInsert.TryInsertAllAsync(connection, transaction, "products",
            ["agency_id", "id", "sku_key", "version", "created_at", "updated_at", "document"],
            products.Select(p => new object?[] { p.AgencyId, p.Id, p.SkuKey, p.Version, p.CreatedAt, p.UpdatedAt, p.Document }).ToList(),
            cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        await BatchInsert.ExecuteAsync(connection, transaction, "product_tags", ["agency_id", "product_id", "tag"],
            products.SelectMany(p => p.Tags.Distinct(StringComparer.Ordinal).Select(t => new object?[] { p.AgencyId, p.Id, t })).ToList(),
            "", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await BatchInsert.AnalyzeAsync(connection, ["products", "product_tags"], cancellationToken);
        return true;
    }

    /// <summary>The SKU keys among <paramref name="skuKeys"/> already used in the agency.</summary>
    public async Task<IReadOnlySet<string>> ExistingSkuKeysAsync(string agencyId, IReadOnlyCollection<string> skuKeys, CancellationToken cancellationToken = default)
    {
        var found = await SqlLists.QueryOneOfAsync<string>(
            connections, "SELECT sku_key FROM products WHERE agency_id = @agencyId AND", "sku_key", agencyId, skuKeys, cancellationToken);
        return found.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>One page of product documents, optionally with a tag.</summary>
    public async Task<(IReadOnlyList<string> Documents, bool HasMore)> ListAsync(CatalogueQuery query, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder("SELECT x.document FROM products x WHERE x.agency_id = @AgencyId");
        var parameters = new DynamicParameters(new { query.AgencyId });
        if (query.Tag is not null)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM product_tags t WHERE t.agency_id = x.agency_id AND t.product_id = x.id AND t.tag = @Tag)");
            parameters.Add("Tag", query.Tag);
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await KeysetPage.ReadAsync(connection, sql, parameters, query.After, query.Limit);
    }
}
