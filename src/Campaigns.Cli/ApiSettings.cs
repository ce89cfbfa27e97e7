using System.ComponentModel;
using Campaigns.Client;
using Spectre.Console.Cli;

namespace Campaigns.Cli;

/// <summary>The options every command that talks to a host takes.</summary>
public class ApiSettings : CommandSettings
{
    [CommandOption("--api-key <KEY>")]
    [Description("The agency's API key (default: $CAMPAIGNS_API_KEY).")]
    public string? ApiKey { get; init; }

    [CommandOption("--url <URL>")]
    [Description("The host's address (default: $CAMPAIGNS_URL, else http://127.0.0.1:5080).")]
    public string? Url { get; init; }

    /// <summary>A client for the chosen host and key; a missing key or a malformed URL is a usage error.</summary>
    public (CampaignsClient Client, Uri BaseUrl) Connect(CliEnvironment environment)
    {
        var key = ApiKey ?? environment.Variable(CliEnvironment.ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw CliFailure.Usage($"No API key: pass --api-key or set {CliEnvironment.ApiKeyVariable}.");
        }
        var url = Url ?? environment.Variable(CliEnvironment.UrlVariable) ?? CliEnvironment.DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw CliFailure.Usage($"'{url}' is not an http or https URL.");
        }
        return (CampaignsClient.Create(baseUrl, key, environment.Handler), baseUrl);
    }
}
