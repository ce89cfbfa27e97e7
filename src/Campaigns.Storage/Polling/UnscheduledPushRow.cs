namespace Campaigns.Storage.Polling;

/// <summary>A newly published push the platform poller has not looked at yet.</summary>
public sealed class UnscheduledPushRow
{
    public string AgencyId { get; set; } = "";
    public string Id { get; set; } = "";

    /// <summary>The platform's wire word (<c>tiktok</c>, <c>youtube-shorts</c>, …).</summary>
    public string Platform { get; set; } = "";

    /// <summary>When it was published (Unix ms).</summary>
    public long PublishedAt { get; set; }

    /// <summary>1 when its account is on a platform connector (it has a credential status) and the push has a post id.</summary>
    public int OnPlatform { get; set; }
}
