using System.Net;
using Campaigns.Connectors.Platforms;
using Microsoft.AspNetCore.WebUtilities;

namespace Campaigns.Connectors.Tests.Platforms;

/// <summary>Plays the user's browser on a fake's authorize page: follows the URL once and reads the callback.</summary>
internal static class OAuthFlow
{
    public static readonly Uri Callback = new("https://campaigns.example.test/v1/oauth/platform/callback");

    /// <summary>The query of the redirect the authorize page answers.</summary>
    public static async Task<Dictionary<string, string>> ConsentAsync(Uri authorizeUrl)
    {
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var answer = await browser.GetAsync(authorizeUrl);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var location = answer.Headers.Location!;
        Assert.StartsWith(Callback.AbsoluteUri, location.AbsoluteUri, StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    /// <summary>The query parameters of a URL.</summary>
    public static Dictionary<string, string> Query(Uri url) =>
        QueryHelpers.ParseQuery(url.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    /// <summary>Connects through the authorize page and exchanges the code.</summary>
    public static async Task<PlatformResult<TokenSet>> ConnectAsync(IPlatformOAuth oauth, string state)
    {
        var pkce = oauth.UsesPkce ? Pkce.Create() : null;
        var back = await ConsentAsync(oauth.AuthorizeUrl(state, Callback, pkce));
        Assert.Equal(state, back["state"]);
        return await oauth.ExchangeCodeAsync(back["code"], Callback, pkce?.Verifier, default);
    }
}
