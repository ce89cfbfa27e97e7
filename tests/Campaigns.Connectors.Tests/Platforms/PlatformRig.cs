using Campaigns.Connectors.Platforms;
using Campaigns.PlatformFakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Campaigns.Connectors.Tests.Platforms;

/// <summary>
/// One platform's fake and a media server on loopback, and our platform services configured against them as the host
/// would register them. The fake runs on a fake clock (metrics growth); our side on the real one.
/// </summary>
internal sealed class PlatformRig<TFake> : IAsyncDisposable where TFake : FakeServer
{
    private PlatformRig(TFake fake, MediaServer media, FakeTimeProvider fakeClock, ServiceProvider services)
    {
        Fake = fake;
        Media = media;
        FakeClock = fakeClock;
        Services = services;
    }

    public TFake Fake { get; }

    public MediaServer Media { get; }

    /// <summary>The fake platform's clock; advance it to let metrics grow.</summary>
    public FakeTimeProvider FakeClock { get; }

    public ServiceProvider Services { get; }

    public PlatformRegistry Registry => Services.GetRequiredService<PlatformRegistry>();

    /// <summary>Starts the fake and the media server and builds the services with the platform's settings.</summary>
    public static async Task<PlatformRig<TFake>> StartAsync(
        string section, Func<FakeTimeProvider, TFake> create, IDictionary<string, string?>? extra = null,
        Func<TFake, MediaServer, IDictionary<string, string?>>? late = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var fake = create(clock);
        var media = new MediaServer();
        await fake.StartAsync();
        await media.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            [$"Campaigns:Platforms:{section}:ClientKey"] = fake.Accounts.ClientKey,
            [$"Campaigns:Platforms:{section}:ClientSecret"] = fake.Accounts.ClientSecret,
            [$"Campaigns:Platforms:{section}:ApiBaseUrl"] = fake.BaseUrl.AbsoluteUri,
            [$"Campaigns:Platforms:{section}:AuthBaseUrl"] = fake.BaseUrl.AbsoluteUri,
            [$"Campaigns:Platforms:{section}:StatusPollInterval"] = "00:00:00.020",
            // The fakes live on loopback, which the outbound guard refuses unless told otherwise.
            ["Campaigns:Outbound:AllowPrivateAddresses"] = "true",
        };
        foreach (var (key, value) in (extra ?? new Dictionary<string, string?>()).Concat(late?.Invoke(fake, media) ?? new Dictionary<string, string?>()))
        {
            settings[key.StartsWith("Campaigns:", StringComparison.Ordinal) ? key : $"Campaigns:Platforms:{section}:{key}"] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        PlatformServices.Add(services, configuration);
        return new PlatformRig<TFake>(fake, media, clock, services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    /// <summary>A driver whose in-run waits and retries are short.</summary>
    public static PublishDriver Driver(int transientRetries = 2) =>
        new(TimeProvider.System, new PublishDriverOptions { TransientRetries = transientRetries, TransientDelay = TimeSpan.FromMilliseconds(20) });

    /// <summary>Tokens for a user of the fake, as if it had connected, held by a credential source.</summary>
    public TestCredentials Connect(IPlatformOAuth oauth, string userId)
    {
        var issued = Fake.Accounts.Seed(userId);
        var now = DateTimeOffset.UtcNow;
        return new TestCredentials(oauth, new TokenSet(
            issued.AccessToken, now.AddSeconds(issued.ExpiresIn), issued.RefreshToken,
            issued.RefreshToken is null ? null : now.AddSeconds(issued.RefreshExpiresIn), oauth.Scopes, issued.UserId));
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Fake.DisposeAsync();
        await Media.DisposeAsync();
    }
}
