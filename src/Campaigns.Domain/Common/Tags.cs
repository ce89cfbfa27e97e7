using System.Text;

namespace Campaigns.Domain.Common;

/// <summary>
/// The one normalisation every tag goes through: Unicode NFKC (so full-width "ＢＥＡＵＴＹ" and "beauty" meet),
/// trimmed, lower-cased with invariant rules, inner runs of white space folded to one space.
/// Chinese tags pass through unchanged apart from that.
/// </summary>
public static class Tags
{
    /// <summary>The longest tag accepted, in characters after normalisation.</summary>
    public const int MaxLength = 64;

    /// <summary>Normalises one tag; an empty result means the tag was blank.</summary>
    public static string Normalize(string tag)
    {
        var folded = tag.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        var lastWasSpace = false;
        foreach (var c in folded)
        {
            var isSpace = char.IsWhiteSpace(c);
            if (!isSpace || !lastWasSpace)
            {
                builder.Append(isSpace ? ' ' : c);
            }
            lastWasSpace = isSpace;
        }
        return builder.ToString();
    }

    /// <summary>Normalises a list of tags: blanks dropped, duplicates after normalisation removed, first order kept.</summary>
    public static List<string> NormalizeList(IEnumerable<string>? tags) =>
        (tags ?? []).Select(Normalize).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A hashtag or topic in one form: normalised, with a single leading '#'.</summary>
    public static string NormalizeHashtag(string hashtag) => "#" + Normalize(hashtag.Trim().TrimStart('#'));

    /// <summary>Normalises a weighted tag map; where two keys meet after normalisation the higher weight wins.</summary>
    public static IReadOnlyDictionary<string, double> NormalizeWeighted(IEnumerable<KeyValuePair<string, double>> tags)
    {
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (tag, weight) in tags)
        {
            var key = Normalize(tag);
            result[key] = result.TryGetValue(key, out var existing) ? Math.Max(existing, weight) : weight;
        }
        return result;
    }
}
