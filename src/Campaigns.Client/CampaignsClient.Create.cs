using System.Net.Http.Headers;

namespace Campaigns.Client;

public partial class CampaignsClient
{
    /// <summary>
    /// A client for the host at <paramref name="baseUrl"/> that sends <paramref name="apiKey"/> as
    /// <c>Authorization: Bearer</c> on every request. Pass <paramref name="handler"/> to use your own HTTP stack
    /// (a test server's, a proxy); it is not disposed with the client.
    /// </summary>
    public static CampaignsClient Create(Uri baseUrl, string apiKey, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        // Keep each response's text, so a refusal's problem details can be shown whatever its status.
        return new CampaignsClient(http) { BaseUrl = baseUrl.ToString(), ReadResponseAsString = true };
    }
}
