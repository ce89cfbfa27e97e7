using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Campaigns.Host.Tests.Support;

/// <summary>A thin HTTP client speaking the API's JSON, authenticated with one key.</summary>
public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http => http;

    public static ApiClient For(CampaignsApp app, string? key)
    {
        var client = app.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return new ApiClient(client);
    }

    public Task<HttpResponseMessage> PostJson(string path, object body, string? idempotencyKey = null) =>
        PostRaw(path, JsonSerializer.Serialize(body), idempotencyKey);

    public Task<HttpResponseMessage> PostRaw(string path, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return http.SendAsync(request);
    }

    /// <summary>Posts a body of any media type (CSV, NDJSON).</summary>
    public Task<HttpResponseMessage> PostText(string path, string body, string mediaType, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> Post(string path) => http.PostAsync(path, null);

    public Task<HttpResponseMessage> Patch(string path, object body) =>
        http.PatchAsync(path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> Get(string path) => http.GetAsync(path);

    public static async Task<JsonNode> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body.");
}
