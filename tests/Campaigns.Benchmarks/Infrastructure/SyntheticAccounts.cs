using System.Globalization;
using System.Text;

namespace Campaigns.Benchmarks.Infrastructure;

/// <summary>One generated account, kept so that results read back through the API can be checked against it.</summary>
public sealed record SyntheticAccount(
    int Row, string Platform, string Handle, string Brand, string Kind, long Followers, IReadOnlyDictionary<string, double> Tags)
{
    /// <summary>The id the import answered for this row; set after the import.</summary>
    public string Id { get; set; } = "";
}

/// <summary>
/// Deterministic synthetic accounts for the catalogue and matrix benchmarks: a vocabulary of audience tags drawn
/// with a skewed (Zipf-like) popularity so that rankings and tag filters have both common and rare tags; platforms,
/// kinds, brands and follower counts varied; sandbox connector; serialized as the CSV <c>POST /v1/accounts/import</c>
/// reads.
/// </summary>
public static class SyntheticAccounts
{
    public static readonly string[] Platforms =
        ["douyin", "kuaishou", "meipai", "wechat-channels", "xiaohongshu", "bilibili", "tiktok", "youtube-shorts", "instagram-reels", "sandbox"];

    public static readonly string[] Kinds = ["brand", "celebrity", "influencer", "grassroots"];

    public static readonly string[] Brands = ["acme", "lumen", "north", "petal", "koi", "verde", "orbit", "sable", "tidal", "umbra"];

    private static readonly string[] Roots =
    [
        "beauty", "skincare", "makeup", "fashion", "fitness", "travel", "food", "gaming", "tech", "parenting",
        "pets", "music", "dance", "outdoor", "home", "diy", "finance", "auto", "books", "film",
    ];

    private static readonly string[] Facets = ["", " tips", " review", " haul", " daily", " pro", " budget", " luxury", " kids", " asia"];

    /// <summary>~200 tags: 20 roots × 10 facets ("beauty", "beauty tips", …), in popularity order.</summary>
    public static IReadOnlyList<string> Vocabulary(int size = 200)
    {
        var tags = new List<string>();
        foreach (var facet in Facets)
        {
            foreach (var root in Roots)
            {
                tags.Add(root + facet);
            }
        }
        return tags.Take(Math.Clamp(size, 1, tags.Count)).ToList();
    }

    /// <summary>
    /// <paramref name="count"/> accounts with handles <c>{prefix}_{row}</c>; <paramref name="platformOf"/> picks the
    /// platform of row i (default: a varied, seeded choice). 2 to 8 audience tags each, weights 0.05–1.00.
    /// </summary>
    public static List<SyntheticAccount> Generate(int count, int seed, string prefix, Func<int, string>? platformOf = null)
    {
        var random = new Random(seed);
        var vocabulary = Vocabulary();
        // Zipf-like: tag k is drawn with weight 1 / (k + 5), so the first tags are common and the last rare.
        var cumulative = new double[vocabulary.Count];
        var total = 0.0;
        for (var k = 0; k < vocabulary.Count; k++)
        {
            total += 1.0 / (k + 5);
            cumulative[k] = total;
        }
        var accounts = new List<SyntheticAccount>(count);
        for (var i = 0; i < count; i++)
        {
            var tags = new Dictionary<string, double>(StringComparer.Ordinal);
            var wanted = random.Next(2, 9);
            while (tags.Count < wanted)
            {
                var k = Array.BinarySearch(cumulative, random.NextDouble() * total);
                var tag = vocabulary[Math.Min(k < 0 ? ~k : k, vocabulary.Count - 1)];
                tags[tag] = Math.Round(0.05 + random.NextDouble() * 0.95, 2);
            }
            accounts.Add(new SyntheticAccount(
                i + 1,
                platformOf?.Invoke(i) ?? Platforms[random.Next(Platforms.Length)],
                $"{prefix}_{i:D6}",
                Brands[random.Next(Brands.Length)],
                Kinds[random.Next(Kinds.Length)],
                (long)Math.Round(Math.Exp(random.NextDouble() * 14)), // 1 … ~1.2 M, log-uniform
                tags));
        }
        return accounts;
    }

    /// <summary>
    /// The import file. No quiet hours, so every instant of the day is allowed; gap and daily cap as given; every
    /// account on <paramref name="connector"/> (the sandbox, or a real platform's type word such as <c>tiktok</c>).
    /// </summary>
    public static byte[] Csv(IEnumerable<SyntheticAccount> accounts, int maxPostsPerDay = 10, int minGapMinutes = 0, string connector = "sandbox")
    {
        var csv = new StringBuilder();
        csv.Append("platform,handle,displayName,brand,kind,persona,audienceTags,timeZone,followers,maxPostsPerDay,minGapMinutes,connectorType\n");
        foreach (var a in accounts)
        {
            var tags = string.Join(';', a.Tags.Select(t => $"{t.Key}:{t.Value.ToString("0.##", CultureInfo.InvariantCulture)}"));
            csv.Append(CultureInfo.InvariantCulture,
                $"{a.Platform},{a.Handle},Display {a.Handle},{a.Brand},{a.Kind},\"synthetic, row {a.Row}\",{tags},Asia/Shanghai,{a.Followers},{maxPostsPerDay},{minGapMinutes},{connector}\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
