using System.Net;
using System.Text.Json.Nodes;

namespace Campaigns.Host.Tests.Support;

/// <summary>An agency created through the admin API, with a client holding its key.</summary>
public sealed record Tenant(string Id, string ApiKey, ApiClient Client)
{
    public static async Task<Tenant> Create(CampaignsApp app, string name = "Acme Agency")
    {
        var admin = ApiClient.For(app, app.Settings.AdminKey);
        var response = await admin.PostJson("/v1/agencies", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ApiClient.Json(response);
        var key = body["apiKey"]!.GetValue<string>();
        return new Tenant(body["id"]!.GetValue<string>(), key, ApiClient.For(app, key));
    }

    /// <summary>A valid account request; pass overrides to vary one field.</summary>
    public static JsonObject AccountBody(string handle, string platform = "douyin", string kind = "brand", string? brand = "acme")
    {
        return new JsonObject
        {
            ["platform"] = platform,
            ["handle"] = handle,
            ["displayName"] = "Display " + handle,
            ["brand"] = brand,
            ["kind"] = kind,
            ["persona"] = "skincare expert",
            ["audienceTags"] = new JsonObject { ["beauty"] = 0.9, ["Skincare"] = 0.6 },
            ["timeZone"] = "Asia/Shanghai",
            ["followers"] = 120000,
            ["caps"] = new JsonObject
            {
                ["maxPostsPerDay"] = 3,
                ["minGapMinutes"] = 60,
                ["quietHours"] = new JsonObject { ["from"] = "23:00", ["to"] = "07:00" },
            },
            ["connector"] = new JsonObject { ["type"] = "sandbox" },
        };
    }
}
