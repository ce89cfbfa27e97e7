namespace Campaigns.Connectors.Platforms.Instagram;

/// <summary>Instagram settings (Instagram API with Instagram Login), bound from <c>Campaigns:Platforms:Instagram</c>.</summary>
public sealed class InstagramOptions() : PlatformOptions("Instagram", new Uri("https://graph.instagram.com"), new Uri("https://api.instagram.com"))
{
    /// <summary>The Graph API version in every path (default v24.0).</summary>
    public string GraphVersion { get; set; } = "v24.0";

    /// <summary>Whether Reels also appear in the profile's feed grid (default true).</summary>
    public bool ShareToFeed { get; set; } = true;

    /// <summary>How long to wait between container status checks while Instagram fetches and processes the video (default 10 s).</summary>
    public TimeSpan ContainerPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public override string? Problem() =>
        base.Problem()
        ?? (string.IsNullOrWhiteSpace(GraphVersion) || !GraphVersion.StartsWith('v') ? $"{Section}:GraphVersion must look like v24.0." : null)
        ?? (ContainerPollInterval <= TimeSpan.Zero ? $"{Section}:ContainerPollInterval must be positive." : null);

    /// <summary>A Graph API URL with the version in front.</summary>
    public Uri Graph(string pathAndQuery) => Api($"{GraphVersion}/{pathAndQuery.TrimStart('/')}");
}
