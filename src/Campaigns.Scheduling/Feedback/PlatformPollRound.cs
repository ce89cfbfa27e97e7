namespace Campaigns.Scheduling.Feedback;

/// <summary>What one round of the platform poller (<see cref="IPlatformPoll"/>) did.</summary>
public sealed class PlatformPollRound
{
    /// <summary>Newly published pushes given their first metrics poll (pushes not on a platform are not counted).</summary>
    public int Scheduled { get; set; }

    /// <summary>Pushes whose metrics poll was due.</summary>
    public int Posts { get; set; }

    /// <summary>Snapshots that became their push's latest.</summary>
    public int Recorded { get; set; }

    /// <summary>Posts whose engagement was what their push already showed.</summary>
    public int Unchanged { get; set; }

    /// <summary>Posts whose snapshot the rules refused (a count the platform lowered below the push's latest).</summary>
    public int Refused { get; set; }

    /// <summary>Posts asked for that the platform did not report (deleted or hidden there).</summary>
    public int Missing { get; set; }

    /// <summary>Accounts asked (metrics and followers), and of them: without a usable credential, rate limited, failed.</summary>
    public int Accounts { get; set; }

    public int NoCredential { get; set; }

    public int RateLimited { get; set; }

    public int Failed { get; set; }

    /// <summary>Follower counts recorded.</summary>
    public int Followers { get; set; }

    /// <summary>How long the round took.</summary>
    public TimeSpan Elapsed { get; set; }
}
