using Campaigns.Domain.Common;

namespace Campaigns.Domain.Affinity;

/// <summary>
/// What a piece of content is about, as weighted terms: its tags count fully, its hot keywords half
/// (they describe what buyers search for, a weaker signal of the audience than the content's own tags).
/// </summary>
public sealed class ContentTerms
{
    public const double TagWeight = 1.0, KeywordWeight = 0.5;

    private ContentTerms(IReadOnlyDictionary<string, double> weights) => Weights = weights;

    /// <summary>Normalised term → weight; a term that is both tag and keyword counts as a tag.</summary>
    public IReadOnlyDictionary<string, double> Weights { get; }

    /// <summary>The terms of content with these tags and hot keywords.</summary>
    public static ContentTerms From(IEnumerable<string> tags, IEnumerable<string>? hotKeywords = null)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var keyword in hotKeywords ?? [])
        {
            Add(weights, keyword, KeywordWeight);
        }
        foreach (var tag in tags)
        {
            Add(weights, tag, TagWeight);
        }
        return new ContentTerms(weights);
    }

    private static void Add(Dictionary<string, double> weights, string term, double weight)
    {
        var key = Tags.Normalize(term);
        if (key.Length > 0)
        {
            weights[key] = Math.Max(weights.GetValueOrDefault(key), weight);
        }
    }
}
