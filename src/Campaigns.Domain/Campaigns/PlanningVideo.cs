using Campaigns.Domain.Accounts;

namespace Campaigns.Domain.Campaigns;

/// <summary>A caption and hashtags for one platform.</summary>
public sealed record PlanningVariant(string? Caption, IReadOnlyList<string> Hashtags);

/// <summary>What the planner needs to know of a video: its length and how it is captioned where.</summary>
public sealed record PlanningVideo(
    string Id,
    int DurationSeconds,
    string DefaultCaption,
    IReadOnlyList<string> Topics,
    IReadOnlyDictionary<Platform, PlanningVariant> Variants)
{
    /// <summary>The platform's variant, or the default caption and the topics as hashtags.</summary>
    public PlanningVariant VariantFor(Platform platform) =>
        Variants.TryGetValue(platform, out var variant) ? variant : new PlanningVariant(DefaultCaption, Topics);
}
