using Campaigns.Storage.Pushes;

namespace Campaigns.Storage.Sandbox;

/// <summary>A post of the sandbox platform as the sandbox feed needs it, with the push it published.</summary>
public sealed class SandboxFeedRow
{
    /// <summary>The push, with its latest snapshot.</summary>
    public PushRow Push { get; set; } = new();

    public string IdempotencyKey { get; set; } = "";
    public string PlatformPostId { get; set; } = "";

    /// <summary>The account's followers when it published.</summary>
    public long Followers { get; set; }

    /// <summary>When the post went live (Unix ms).</summary>
    public long PostedAt { get; set; }
}
