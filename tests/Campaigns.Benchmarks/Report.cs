using System.Globalization;
using System.Text;

namespace Campaigns.Benchmarks;

/// <summary>The Markdown result: machine facts, one row per figure, then ratios between figures.</summary>
public sealed class Report
{
    private readonly List<(string Benchmark, string Metric, string Value, string Notes)> rows = [];
    private readonly Dictionary<string, double> figures = new(StringComparer.Ordinal);

    public List<(string Name, string Value)> Facts { get; } = [];

    public List<string> Failures { get; } = [];

    /// <summary>Adds a row; <paramref name="key"/> also stores the number for <see cref="Ratio"/>.</summary>
    public void Add(string benchmark, string metric, double value, string unit, string notes = "", string? key = null, string format = "N0")
    {
        rows.Add((benchmark, metric, Format(value, format) + (unit.Length > 0 ? " " + unit : ""), notes));
        if (key is not null)
        {
            figures[key] = value;
        }
        BenchContext.Log($"{benchmark} | {metric} | {Format(value, format)} {unit} {notes}".TrimEnd());
    }

    public bool TryGet(string key, out double value) => figures.TryGetValue(key, out value);

    /// <summary>Adds a ratio row when both figures were measured in this run.</summary>
    public void Ratio(string metric, string numeratorKey, string denominatorKey, double factor = 1, string notes = "")
    {
        if (TryGet(numeratorKey, out var n) && TryGet(denominatorKey, out var d) && d > 0)
        {
            Add("ratio", metric, n * factor / d, "", notes, format: "0.000");
        }
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Campaigns benchmarks").AppendLine();
        foreach (var (name, value) in Facts)
        {
            md.AppendLine($"- **{name}**: {value}");
        }
        md.AppendLine();
        md.AppendLine("| Benchmark | Metric | Value | Notes |");
        md.AppendLine("|---|---|---:|---|");
        foreach (var (benchmark, metric, value, notes) in rows)
        {
            md.AppendLine($"| {Cell(benchmark)} | {Cell(metric)} | {Cell(value)} | {Cell(notes)} |");
        }
        if (Failures.Count > 0)
        {
            md.AppendLine().AppendLine("**FAILED** — figures above from a failed benchmark must not be trusted:");
            foreach (var failure in Failures)
            {
                md.AppendLine($"- {failure}");
            }
        }
        return md.ToString();
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
