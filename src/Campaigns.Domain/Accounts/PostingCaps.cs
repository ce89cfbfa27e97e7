namespace Campaigns.Domain.Accounts;

/// <summary>How much an account may post: a daily maximum, a minimum gap between posts and optional quiet hours.</summary>
public sealed record PostingCaps(int MaxPostsPerDay, int MinGapMinutes, QuietHours? QuietHours)
{
    /// <summary>The most posts a day any platform tolerates from one account before it looks like spam.</summary>
    public const int MaxPostsPerDayLimit = 100;

    /// <summary>A week: no sensible gap between posts is longer.</summary>
    public const int MinGapMinutesLimit = 7 * 24 * 60;

    /// <summary>What an account gets when it says nothing: a few posts a day, an hour apart, no quiet hours.</summary>
    public static PostingCaps Default { get; } = new(3, 60, null);
}
