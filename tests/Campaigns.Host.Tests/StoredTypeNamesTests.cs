using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Campaigns.Grains.Abstractions.Videos;
using Campaigns.Grains.Common;
using Campaigns.Grains.Products;
using Campaigns.Grains.Videos;
using Campaigns.Host.Tests.Support;
using Campaigns.Storage;
using Campaigns.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Campaigns.Host.Tests;

/// <summary>
/// Grain state written before its types moved namespace (it names them in <c>$type</c>) is still read by the host's
/// own grain-storage serializer: the rows are real ones the host wrote, put back under the old names.
/// </summary>
public sealed class StoredTypeNamesTests(SqliteHostFixture host) : IClassFixture<SqliteHostFixture>
{
    private CampaignsApp App => host.App;

    [Fact]
    public async Task State_stored_under_the_old_type_names_reads_back_as_the_same_state()
    {
        // Guarded by silo.Services.AddSingleton<ITypeConverter, StoredTypeNames>() in SiloConfiguration: without it the
        // old names resolve to nothing and deserialising throws.
        var tenant = await Tenant.Create(App);
        var product = await ApiClient.Json(await tenant.Client.PostJson("/v1/products", new JsonObject
        {
            ["sku"] = "MOVED-01",
            ["title"] = "Serum",
            ["price"] = new JsonObject { ["amount"] = 99.5, ["currency"] = "CNY" },
            ["tags"] = new JsonArray("skincare"),
        }));
        var video = await tenant.Client.PostJson("/v1/videos", new JsonObject
        {
            ["title"] = "Serum demo",
            ["type"] = "product-showcase",
            ["durationSeconds"] = 30,
            ["mediaUrl"] = "https://cdn.example.com/v.mp4",
            ["tags"] = new JsonArray("skincare"),
            ["productIds"] = new JsonArray(product["id"]!.GetValue<string>()),
            ["variants"] = new JsonObject { ["douyin"] = new JsonObject { ["caption"] = "夏日", ["hashtags"] = new JsonArray("#防晒") } },
        });
        Assert.Equal(HttpStatusCode.Created, video.StatusCode);

        var serializer = App.Services.GetRequiredService<IGrainStorageSerializer>();
        await Roundtrip<ProductState>(serializer, "product", product["id"]!.GetValue<string>());
        await Roundtrip<VideoState>(serializer, "video", (await ApiClient.Json(video))["id"]!.GetValue<string>());
    }

    [Fact]
    public void Old_names_inside_generic_arguments_and_nested_names_are_rewritten_and_others_left_alone()
    {
        var converter = new StoredTypeNames();
        const string list = "System.Collections.Generic.List`1[[Campaigns.Grains.Abstractions.Catalogue.VideoVariant, Campaigns.Grains.Abstractions]], System.Private.CoreLib";
        Assert.True(converter.TryParse(list, out var type));
        Assert.Equal(typeof(List<VideoVariant>), type);
        Assert.True(converter.TryParse("Campaigns.Grains.Catalogue.ProductState,Campaigns.Grains", out var state));
        Assert.Equal(typeof(ProductState), state);
        // A name that only starts like an old one is not touched, and new names are left to Orleans.
        Assert.Null(StoredTypeNames.Rewrite("Campaigns.Grains.Catalogue.ProductStateV2, Campaigns.Grains"));
        Assert.False(converter.TryParse(typeof(ProductState).AssemblyQualifiedName!, out _));
    }

    private async Task Roundtrip<TState>(IGrainStorageSerializer serializer, string grainType, string id)
    {
        await using var connection = await App.Services.GetRequiredService<DbConnectionFactory>().OpenAsync();
        var payloads = (await connection.QueryAsync<byte[]>(
            "SELECT PayloadBinary FROM OrleansStorage WHERE GrainTypeString = @grainType", new { grainType })).ToList();
        var stored = Encoding.UTF8.GetString(Assert.Single(payloads, p => Encoding.UTF8.GetString(p).Contains(id, StringComparison.Ordinal)));

        var old = StoredTypeNames.Renames.Aggregate(stored, (text, rename) => text.Replace(rename.Value + ",", rename.Key + ",", StringComparison.Ordinal));
        Assert.NotEqual(stored, old);
        Assert.Contains(".Catalogue.", old);

        var read = serializer.Deserialize<TState>(new BinaryData(Encoding.UTF8.GetBytes(old)));
        Assert.Equal(stored, serializer.Serialize(read).ToString());
    }
}
