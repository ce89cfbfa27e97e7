using System.Globalization;

namespace Campaigns.Benchmarks;

/// <summary>
/// Command line: benchmark names plus <c>--key value</c> options. Options are shared by name, so a benchmark reads
/// the ones it understands (<c>--accounts 2000 --concurrency 16 --startup-runs 3</c>).
/// </summary>
public sealed class BenchOptions
{
    private readonly Dictionary<string, string> values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> read = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Names { get; } = [];

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = arg.IndexOf('=');
                if (eq > 0)
                {
                    options.values[arg[2..eq]] = arg[(eq + 1)..];
                }
                else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    options.values[arg[2..]] = args[++i];
                }
                else
                {
                    options.values[arg[2..]] = "true";
                }
            }
            else
            {
                options.Names.Add(arg.ToLowerInvariant());
            }
        }
        return options;
    }

    public bool Has(string key) => values.ContainsKey(key);

    public string String(string key, string fallback)
    {
        read.Add(key);
        return values.TryGetValue(key, out var v) ? v : fallback;
    }

    public int Int(string key, int fallback, int min = 1, int max = int.MaxValue)
    {
        read.Add(key);
        if (!values.TryGetValue(key, out var raw))
        {
            return fallback;
        }
        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
        {
            throw new ArgumentException($"--{key} must be an integer in {min}..{max}, got '{raw}'.");
        }
        return v;
    }

    /// <summary>Options given but read by no benchmark that ran: most likely typos.</summary>
    public IEnumerable<string> Unread(IEnumerable<string> global) =>
        values.Keys.Where(k => !read.Contains(k) && !global.Contains(k, StringComparer.OrdinalIgnoreCase));
}
