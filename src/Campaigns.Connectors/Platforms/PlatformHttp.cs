using System.Net;
using Campaigns.Connectors.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Campaigns.Connectors.Platforms;

/// <summary>
/// Every HTTP client the platform connectors use, registered in one place: per platform an API client (total
/// timeout → retries of safe methods only → attempt timeout) and an upload client (one long attempt, never
/// retried: the connector resumes from the platform's own record instead), plus the media client that reads
/// <c>mediaUrl</c>. A call that may create a post is never retried here. Every client connects through the outbound
/// guard.
/// </summary>
public static class PlatformHttp
{
    /// <summary>The client that fetches media from <c>mediaUrl</c>.</summary>
    public const string MediaClient = "Campaigns.Platform.Media";

    /// <summary>Largest API answer read, so a misbehaving platform cannot exhaust memory.</summary>
    public const int MaxAnswerBytes = 4 * 1024 * 1024;

    /// <summary>The API client of a platform.</summary>
    public static string ApiClient(string platformName) => $"Campaigns.Platform.{platformName}";

    /// <summary>The upload client of a platform.</summary>
    public static string UploadClient(string platformName) => $"Campaigns.Platform.{platformName}.Upload";

    /// <summary>Registers the clients of one platform.</summary>
    internal static void AddPlatform<TOptions>(IServiceCollection services, string name)
        where TOptions : PlatformOptions
    {
        var api = services.AddHttpClient(ApiClient(name), ConfigureClient);
        Primary(api, allowRedirects: false);
        api.AddResilienceHandler("platform-api", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue;
            pipeline
                .AddTimeout(options.ApiTimeout)
                .AddRetry(SafeRetries())
                .AddTimeout(options.ApiTimeout / 2);
        });

        var upload = services.AddHttpClient(UploadClient(name), ConfigureClient);
        Primary(upload, allowRedirects: false);
        upload.AddResilienceHandler("platform-upload", (pipeline, context) =>
            pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue.UploadTimeout));
    }

    /// <summary>Registers the media client; its timeout covers the answer's headers, not the streamed body.</summary>
    internal static void AddMedia(IServiceCollection services)
    {
        var media = services.AddHttpClient(MediaClient, ConfigureClient);
        // CDNs redirect; the guard checks every connection, so each hop is checked too.
        Primary(media, allowRedirects: true);
        media.AddResilienceHandler("platform-media", pipeline => pipeline.AddTimeout(TimeSpan.FromSeconds(30)));
    }

    private static void ConfigureClient(HttpClient http)
    {
        // The pipelines' timeouts govern; HttpClient's own would cut a long upload short.
        http.Timeout = Timeout.InfiniteTimeSpan;
        http.MaxResponseContentBufferSize = MaxAnswerBytes;
    }

    private static void Primary(IHttpClientBuilder client, bool allowRedirects)
    {
        // The factory's request logs print whole URLs, and Instagram, Douyin and Kuaishou take tokens in the query;
        // the connectors log what matters themselves, without secrets.
        client.RemoveAllLoggers();
        // Agencies choose media URLs, operators choose API hosts: every connection (redirects included) goes only to
        // addresses outbound calls may reach (Campaigns:Outbound).
        client.AddOutboundSafety(handler =>
        {
            handler.AllowAutoRedirect = allowRedirects;
            handler.MaxAutomaticRedirections = 5;
            handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2);
            handler.ConnectTimeout = TimeSpan.FromSeconds(10);
            handler.AutomaticDecompression = DecompressionMethods.None;
        });
    }

    /// <summary>Two retries with jittered backoff for network errors, timeouts, 408 and 5xx, on safe methods only.</summary>
    private static HttpRetryStrategyOptions SafeRetries()
    {
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(300),
            // 429 is not retried here: the caller owns the account's quota and waits as the platform says.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: HttpRequestException or TimeoutRejectedException } => true,
                { Result: { } response } => response.StatusCode == HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500,
                _ => false,
            }),
        };
        retry.DisableForUnsafeHttpMethods();
        return retry;
    }
}
