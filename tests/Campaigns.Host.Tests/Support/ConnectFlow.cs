using System.Net;
using System.Text.Json.Nodes;
using Campaigns.PlatformFakes;
using Microsoft.AspNetCore.WebUtilities;

namespace Campaigns.Host.Tests.Support;

/// <summary>Plays an agency's client and its user's browser through connecting an account to a platform fake.</summary>
public static class ConnectFlow
{
    /// <summary>Creates an account on <paramref name="type"/>'s platform with that connector; its id.</summary>
    public static async Task<string> CreateAccount(Tenant tenant, PlatformFakeSet fakes, string type, string? handle = null)
    {
        var body = Tenant.AccountBody(handle ?? $"{type}_{Guid.NewGuid():N}"[..20], fakes.PlatformOf(type));
        body["connector"] = new JsonObject { ["type"] = type };
        var response = await tenant.Client.PostJson("/v1/accounts", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ApiClient.Json(response))["id"]!.GetValue<string>();
    }

    /// <summary>POST /v1/accounts/{id}/connect, which must succeed: the authorize URL and its expiry.</summary>
    public static async Task<(Uri AuthorizeUrl, DateTimeOffset ExpiresAt)> Start(Tenant tenant, string accountId)
    {
        var response = await tenant.Client.Post($"/v1/accounts/{accountId}/connect");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiClient.Json(response);
        return (new Uri(body["authorizeUrl"]!.GetValue<string>()), body["expiresAt"]!.GetValue<DateTimeOffset>());
    }

    /// <summary>Opens the authorize URL as a browser would and returns where the platform sends the user back.</summary>
    public static async Task<Uri> Consent(Uri authorizeUrl)
    {
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var answer = await browser.GetAsync(authorizeUrl);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return answer.Headers.Location!;
    }

    /// <summary>Carries the platform's redirect to the host, without any API key.</summary>
    public static Task<HttpResponseMessage> Callback(CampaignsApp app, Uri redirect) =>
        ApiClient.For(app, null).Get(redirect.PathAndQuery);

    /// <summary>Start, consent and callback; the callback's answer must be the 200 page.</summary>
    public static async Task Connect(CampaignsApp app, Tenant tenant, string accountId)
    {
        var (authorize, _) = await Start(tenant, accountId);
        var page = await Callback(app, await Consent(authorize));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    /// <summary>The account's credential as GET /v1/accounts/{id} shows it.</summary>
    public static async Task<JsonNode?> Credential(Tenant tenant, string accountId) =>
        (await ApiClient.Json(await tenant.Client.Get($"/v1/accounts/{accountId}")))["credential"];

    /// <summary>A query parameter of a URL.</summary>
    public static string Query(Uri url, string name) => QueryHelpers.ParseQuery(url.Query)[name].ToString();

    /// <summary>The same URL with one query parameter replaced.</summary>
    public static Uri WithQuery(Uri url, string name, string value)
    {
        var query = QueryHelpers.ParseQuery(url.Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        query[name] = value;
        return new Uri(QueryHelpers.AddQueryString(url.GetLeftPart(UriPartial.Path), query));
    }
}
