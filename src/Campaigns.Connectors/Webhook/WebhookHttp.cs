using Campaigns.Connectors.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Campaigns.Connectors.Webhook;

/// <summary>
/// The named HTTP client webhook calls go through: total timeout → retry (exponential backoff with jitter on
/// 5xx, 408, 429, network errors and attempt timeouts) → per-attempt timeout, all from <see cref="WebhookOptions"/>,
/// over the outbound guard (<see cref="OutboundSafety"/>), whose refusals are final and not retried.
/// </summary>
public static class WebhookHttp
{
    /// <summary>The <see cref="IHttpClientFactory"/> name of the client.</summary>
    public const string ClientName = "Campaigns.Webhook";

    /// <summary>Largest answer body read, so a misbehaving publisher cannot exhaust memory.</summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    /// <summary>Registers the named client and its resilience pipeline.</summary>
    internal static void Add(IServiceCollection services)
    {
        services.AddTransient<AttemptObserver>();
        var client = services.AddHttpClient(ClientName, http =>
            {
                // The pipeline's timeouts govern; HttpClient's own would cut it short with a different exception.
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.MaxResponseContentBufferSize = MaxAnswerBytes;
            })
            // The agency chose the URL: connections go only to addresses outbound calls may reach.
            .AddOutboundSafety(handler =>
            {
                // A redirected POST would be replayed as a GET elsewhere: treat redirects as the publisher's error.
                handler.AllowAutoRedirect = false;
                handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2);
                handler.ConnectTimeout = TimeSpan.FromSeconds(10);
            });
        client.AddResilienceHandler("webhook", (pipeline, context) =>
        {
            var options = context.GetOptions<WebhookOptions>();
            context.EnableReloads<WebhookOptions>();
            pipeline.AddTimeout(options.TotalTimeout);
            // Polly refuses zero retries; MaxRetries = 0 (allowed, e.g. for a publisher that cannot de-duplicate) means
            // no retry strategy at all.
            if (options.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryDelay,
                    MaxDelay = options.TotalTimeout,
                });
            }
            pipeline.AddTimeout(options.AttemptTimeout);
        });
        // Added after the resilience handler, so it runs inside it: once per attempt.
        client.AddHttpMessageHandler<AttemptObserver>();
    }
}
