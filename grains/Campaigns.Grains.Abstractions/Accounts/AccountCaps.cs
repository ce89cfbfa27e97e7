using Campaigns.Domain.Accounts;

namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>Posting caps as they travel between grains and are stored.</summary>
[GenerateSerializer, Immutable]
public sealed record AccountCaps(
    [property: Id(0)] int MaxPostsPerDay,
    [property: Id(1)] int MinGapMinutes,
    [property: Id(2)] TimeOnly? QuietFrom,
    [property: Id(3)] TimeOnly? QuietTo)
{
    /// <summary>The domain value.</summary>
    public PostingCaps ToDomain() =>
        new(MaxPostsPerDay, MinGapMinutes, QuietFrom is { } from && QuietTo is { } to ? new QuietHours(from, to) : null);

    /// <summary>From the domain value.</summary>
    public static AccountCaps From(PostingCaps caps) =>
        new(caps.MaxPostsPerDay, caps.MinGapMinutes, caps.QuietHours?.From, caps.QuietHours?.To);
}
