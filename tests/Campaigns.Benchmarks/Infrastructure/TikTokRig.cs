using System.Net;
using System.Text.Json.Nodes;
using Campaigns.PlatformFakes;
using Campaigns.PlatformFakes.TikTok;

namespace Campaigns.Benchmarks.Infrastructure;

/// <summary>
/// The TikTok fake and the media server (tests/Campaigns.PlatformFakes) running inside the runner on loopback, the
/// host settings that point a spawned host at them, and the OAuth connect flow played as the agency's client and the
/// creator's browser. Only third parties are faked: the host, its storage and its connector are the real ones.
/// </summary>
public sealed class TikTokRig : IAsyncDisposable
{
    /// <summary>What the host builds its OAuth redirect URI from; never reached: the runner carries the callback itself.</summary>
    public const string PublicBaseUrl = "http://campaigns.bench.test";

    // The fake's authorize page consents as FakeAccounts.NextConsentingUser, one property: setting it and opening
    // the page must happen together, so consents are taken one at a time (the rest of a connect runs in parallel).
    private readonly SemaphoreSlim consent = new(1, 1);
    private readonly HttpClient browser = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, MaxConnectionsPerServer = 64 })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    public TikTokFake TikTok { get; } = new();

    public MediaServer Media { get; } = new();

    public static async Task<TikTokRig> StartAsync()
    {
        var rig = new TikTokRig();
        await Task.WhenAll(rig.TikTok.StartAsync(), rig.Media.StartAsync());
        return rig;
    }

    /// <summary>Host settings (environment variables) for the TikTok connector against the fake.</summary>
    public Dictionary<string, string> HostEnvironment(TimeSpan? statusPoll, long? chunkBytes)
    {
        var settings = new Dictionary<string, string>
        {
            ["Campaigns__Platforms__TikTok__ClientKey"] = TikTok.Accounts.ClientKey,
            ["Campaigns__Platforms__TikTok__ClientSecret"] = TikTok.Accounts.ClientSecret,
            ["Campaigns__Platforms__TikTok__ApiBaseUrl"] = TikTok.BaseUrl.AbsoluteUri,
            ["Campaigns__Platforms__TikTok__AuthBaseUrl"] = TikTok.BaseUrl.AbsoluteUri,
            ["Campaigns__PublicBaseUrl"] = PublicBaseUrl,
            // The fakes are on loopback, which the outbound guard refuses unless told otherwise (never in production).
            ["Campaigns__Outbound__AllowPrivateAddresses"] = "true",
            // Every OAuth callback comes from the runner's one address here, where each would come from its creator's
            // own browser: the per-address limit on requests without a key (20/s) would refuse most of them.
            ["Campaigns__RateLimit__UnauthenticatedPermitsPerSecond"] = "0",
        };
        if (statusPoll is { } poll)
        {
            settings["Campaigns__Platforms__TikTok__StatusPollInterval"] = poll.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }
        if (chunkBytes is { } chunk)
        {
            settings["Campaigns__Platforms__TikTok__ChunkBytes"] = chunk.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return settings;
    }

    /// <summary>
    /// Connects an account through the real flow: <c>POST /v1/accounts/{id}/connect</c>, the fake's authorize page
    /// (consenting as <paramref name="userId"/>), then the platform's redirect carried to the host's callback, which
    /// must answer 200. The host exchanges the code with the fake's token endpoint.
    /// </summary>
    public async Task ConnectAsync(ApiClient api, Uri host, string key, string accountId, string userId, CancellationToken cancellationToken)
    {
        var started = await BenchApi.PostJsonAsync(api, key, $"v1/accounts/{accountId}/connect", new JsonObject(), HttpStatusCode.OK, cancellationToken);
        var authorize = new Uri(started["authorizeUrl"]!.GetValue<string>());
        Uri redirect;
        await consent.WaitAsync(cancellationToken);
        try
        {
            TikTok.Accounts.NextConsentingUser = userId;
            using var answer = await browser.GetAsync(authorize, cancellationToken);
            redirect = answer.StatusCode == HttpStatusCode.Redirect && answer.Headers.Location is { } location
                ? location
                : throw new BenchmarkFailedException($"the fake's authorize page answered {(int)answer.StatusCode} for account {accountId}");
        }
        finally
        {
            consent.Release();
        }
        if (!redirect.AbsoluteUri.StartsWith(PublicBaseUrl, StringComparison.Ordinal))
        {
            throw new BenchmarkFailedException($"the fake redirected to {redirect.GetLeftPart(UriPartial.Path)}, not to the host's callback");
        }
        using var page = await browser.GetAsync(new Uri(host, redirect.PathAndQuery), cancellationToken);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchmarkFailedException($"the OAuth callback answered {(int)page.StatusCode} for account {accountId}: "
                + BenchApi.Truncate(await page.Content.ReadAsStringAsync(cancellationToken)));
        }
    }

    /// <summary>Connects every account with <paramref name="workers"/> in parallel; account i consents as <c>{prefix}-{i}</c>.</summary>
    public async Task ConnectAllAsync(
        ApiClient api, Uri host, string key, IReadOnlyList<string> accountIds, string userPrefix, int workers, CancellationToken cancellationToken)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < accountIds.Count; i = Interlocked.Increment(ref next))
            {
                await ConnectAsync(api, host, key, accountIds[i], $"{userPrefix}-{i}", cancellationToken);
            }
        }));
    }

    /// <summary>Pages <c>GET /v1/accounts?credential=connected</c>: the number of the agency's connected accounts.</summary>
    public static async Task<int> CountConnectedAsync(ApiClient api, string key, CancellationToken cancellationToken)
    {
        var count = 0;
        string? cursor = null;
        do
        {
            var node = await api.GetJsonAsync("v1/accounts?credential=connected&limit=500" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)),
                key, cancellationToken);
            count += node["items"]!.AsArray().Count;
            cursor = node["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return count;
    }

    /// <summary>Calls the host's connector made to the fake, by operation (token exchanges and refreshes not included).</summary>
    public long ApiCalls => new[] { "creator_info", "init", "status", "upload" }.Sum(op => TikTok.Counters[op]);

    public async ValueTask DisposeAsync()
    {
        browser.Dispose();
        consent.Dispose();
        await TikTok.DisposeAsync();
        await Media.DisposeAsync();
    }
}
