using System.Globalization;
using System.Xml.Linq;

namespace Campaigns.Domain.Reports;

/// <summary>
/// Draws a campaign report as one SVG image: a headline, the funnel (views → engagements → clicks → orders, with GMV)
/// and cumulative views over time, one line per wave, with axes, grid and legend. Built as an XML tree, so every
/// text — a Chinese campaign name, a name with <c>&lt;</c> or <c>&amp;</c> — is escaped by construction.
/// </summary>
public static class ReportChart
{
    public const int Width = 960, Height = 660;

    /// <summary>The SVG namespace.</summary>
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private const string Fonts =
        "'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei','Source Han Sans SC',system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif";

    private const string Css =
        $"text{{font-family:{Fonts};fill:#1f2937}}.title{{font-size:22px;font-weight:600}}.subtitle{{font-size:13px;fill:#4b5563}}"
        + ".section{font-size:15px;font-weight:600}.label{font-size:13px}.value{font-size:13px;font-weight:600}"
        + ".note,.tick,.caption{font-size:11px;fill:#6b7280}.grid{stroke:#e5e7eb;stroke-width:1}.axis{stroke:#9ca3af;stroke-width:1}";

    /// <summary>Line colours, told apart also by people with the common colour-vision deficiencies.</summary>
    private static readonly string[] Palette = ["#2563eb", "#d97706", "#059669", "#dc2626", "#7c3aed", "#0891b2", "#db2777", "#4b5563"];

    private const double FunnelTop = 96, TimeTop = 300;

    /// <summary>The chart as SVG text.</summary>
    public static string Render(ReportChartInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var title = ChartText.Clean(input.Title);
        var root = new XElement(Svg + "svg",
            new XAttribute("width", Width), new XAttribute("height", Height),
            new XAttribute("viewBox", $"0 0 {Width} {Height}"), new XAttribute("role", "img"),
            new XElement(Svg + "title", title),
            new XElement(Svg + "desc", "Campaign report: the engagement funnel and cumulative views over time per wave."),
            new XElement(Svg + "style", Css),
            new XElement(Svg + "rect", new XAttribute("width", Width), new XAttribute("height", Height), new XAttribute("fill", "#ffffff")),
            Text(32, 44, title, "title"),
            Text(32, 68, ChartText.Clean(input.Subtitle), "subtitle"),
            Funnel(input.Totals),
            TimePanel(input));
        return root.ToString();
    }

    private static XElement Funnel(EngagementTotals t)
    {
        const double barX = 170, maxBar = 480, row = 34, barHeight = 24;
        var stages = new (string Id, string Label, long Value, string Note)[]
        {
            ("views", "Views", t.Views, ""),
            ("engagements", "Engagements", t.Engagements, $"{ChartText.Percent(t.EngagementRate)} of views"),
            ("clicks", "Clicks", t.Clicks, $"{ChartText.Percent(t.Views == 0 ? null : (double)t.Clicks / t.Views)} of views"),
            ("orders", "Orders", t.Orders, $"{ChartText.Percent(t.ConversionRate)} of clicks"),
        };
        var top = Math.Log10(1 + Math.Max(1, stages.Max(s => s.Value)));
        var group = new XElement(Svg + "g", new XAttribute("id", "funnel"),
            Text(32, FunnelTop + 8, "Funnel", "section"),
            Text(barX + maxBar, FunnelTop + 8, "bar lengths on a logarithmic scale", "note", "end"));
        for (var i = 0; i < stages.Length; i++)
        {
            var (id, label, value, note) = stages[i];
            var y = FunnelTop + 22 + i * row;
            var width = value <= 0 ? 0 : Math.Max(2, maxBar * Math.Log10(1 + value) / top);
            group.Add(
                Text(32, y + 17, label, "label"),
                new XElement(Svg + "rect", new XAttribute("class", "stage"), new XAttribute("data-stage", id),
                    new XAttribute("x", barX), new XAttribute("y", F(y)), new XAttribute("width", F(width)),
                    new XAttribute("height", barHeight), new XAttribute("rx", 3), new XAttribute("fill", Palette[0]),
                    new XAttribute("fill-opacity", F(1 - i * 0.18))),
                Text(barX + width + 8, y + 17, ChartText.Full(value) + (note.Length == 0 ? "" : "  ·  " + note), "value"));
        }
        var gmvY = FunnelTop + 22 + stages.Length * row + 18;
        group.Add(Text(32, gmvY, $"GMV {ChartText.Money(t.Gmv)} from {ChartText.Full(t.Orders)} orders  ·  "
            + $"{ChartText.Full(t.Published)} of {ChartText.Full(t.Pushes)} pushes published", "label"));
        return group;
    }

    private static XElement TimePanel(ReportChartInput input)
    {
        var plot = new PlotArea(90, 920, TimeTop + 42, 598);
        var group = new XElement(Svg + "g", new XAttribute("id", "views-over-time"),
            Text(32, TimeTop + 8, "Cumulative views by wave", "section"),
            Legend(input.Series, 330, TimeTop - 3));
        var buckets = input.Buckets;
        if (buckets is null || input.Series.Count == 0)
        {
            group.Add(Line(plot.Left, plot.Bottom, plot.Right, plot.Bottom, "axis"),
                Text((plot.Left + plot.Right) / 2, (plot.Top + plot.Bottom) / 2, "Nothing published yet", "label", "middle"));
            return group;
        }
        var step = NiceStep(Math.Max(1, input.Series.Max(s => s.Views.Count == 0 ? 0 : s.Views.Max())) / 4.0);
        var ceiling = Math.Max(step, Math.Ceiling(input.Series.Max(s => s.Views.Count == 0 ? 0 : s.Views.Max()) / step) * step);
        group.Add(YAxis(plot, step, ceiling), XAxis(plot, buckets, input.Zone));
        for (var s = 0; s < input.Series.Count; s++)
        {
            group.Add(Series(plot, input.Series[s], Palette[s % Palette.Length], buckets.Count, ceiling));
        }
        return group;
    }

    private static XElement Series(PlotArea plot, WaveSeries series, string colour, int count, double ceiling)
    {
        var points = series.Views.Select((v, i) => (X: plot.X(i, count), Y: plot.Y(v, ceiling))).ToList();
        var group = new XElement(Svg + "g", new XAttribute("class", "series"), new XAttribute("data-wave", series.Wave),
            new XElement(Svg + "polyline", new XAttribute("fill", "none"), new XAttribute("stroke", colour),
                new XAttribute("stroke-width", 2.5), new XAttribute("stroke-linejoin", "round"),
                new XAttribute("points", string.Join(" ", points.Select(p => $"{F(p.X)},{F(p.Y)}")))));
        foreach (var (x, y) in points)
        {
            group.Add(new XElement(Svg + "circle", new XAttribute("cx", F(x)), new XAttribute("cy", F(y)), new XAttribute("r", 2.5), new XAttribute("fill", colour)));
        }
        return group;
    }

    private static XElement YAxis(PlotArea plot, double step, double ceiling)
    {
        var axis = new XElement(Svg + "g", new XAttribute("class", "y-axis"));
        for (var value = 0.0; value <= ceiling + step / 2; value += step)
        {
            var y = plot.Y(value, ceiling);
            axis.Add(Line(plot.Left, y, plot.Right, y, value == 0 ? "axis" : "grid"),
                Text(plot.Left - 8, y + 4, ChartText.Compact(value), "tick", "end"));
        }
        axis.Add(new XElement(Svg + "text", new XAttribute("class", "caption"), new XAttribute("text-anchor", "middle"),
            new XAttribute("transform", $"translate(28 {F((plot.Top + plot.Bottom) / 2)}) rotate(-90)"), "views (cumulative)"));
        return axis;
    }

    private static XElement XAxis(PlotArea plot, TimeBuckets buckets, TimeZoneInfo zone)
    {
        var axis = new XElement(Svg + "g", new XAttribute("class", "x-axis"), Line(plot.Left, plot.Top, plot.Left, plot.Bottom, "axis"));
        var withDate = buckets.Size < TimeSpan.FromDays(1) && buckets.To - buckets.Start > TimeSpan.FromDays(1);
        var every = Math.Max(1, (int)Math.Ceiling(buckets.Count / 6.0));
        for (var i = 0; i < buckets.Count; i += every)
        {
            var x = plot.X(i, buckets.Count);
            axis.Add(Line(x, plot.Bottom, x, plot.Bottom + 5, "axis"),
                Text(x, plot.Bottom + 20, ChartText.Time(buckets.PointAt(i), zone, buckets.Size, withDate), "tick", "middle"));
        }
        axis.Add(Text((plot.Left + plot.Right) / 2, plot.Bottom + 42,
            $"time ({zone.Id}), one point per {Describe(buckets.Size)}", "caption", "middle"));
        return axis;
    }

    private static XElement Legend(IReadOnlyList<WaveSeries> series, double left, double top)
    {
        const int perLine = 6, itemWidth = 95;
        var legend = new XElement(Svg + "g", new XAttribute("id", "legend"));
        for (var s = 0; s < series.Count; s++)
        {
            var x = left + s % perLine * itemWidth;
            var y = top + s / perLine * 18;
            legend.Add(
                new XElement(Svg + "rect", new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("width", 12),
                    new XAttribute("height", 12), new XAttribute("rx", 2), new XAttribute("fill", Palette[s % Palette.Length])),
                Text(x + 18, y + 11, $"Wave {series[s].Wave}", "label"));
        }
        return legend;
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="rough"/>.</summary>
    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(rough, 1))));
        return new[] { 1.0, 2.0, 5.0, 10.0 }.Select(m => m * power).First(s => s >= rough);
    }

    private static string Describe(TimeSpan size) =>
        size >= TimeSpan.FromDays(1) ? Plural(size.TotalDays, "day")
        : size >= TimeSpan.FromHours(1) ? Plural(size.TotalHours, "hour")
        : size >= TimeSpan.FromMinutes(1) ? Plural(size.TotalMinutes, "minute")
        : Plural(size.TotalSeconds, "second");

    private static string Plural(double n, string unit) => n == 1 ? unit : $"{n.ToString("0", CultureInfo.InvariantCulture)} {unit}s";

    private static XElement Text(double x, double y, string text, string cssClass, string? anchor = null)
    {
        var element = new XElement(Svg + "text", new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("class", cssClass), text);
        if (anchor is not null)
        {
            element.Add(new XAttribute("text-anchor", anchor));
        }
        return element;
    }

    private static XElement Line(double x1, double y1, double x2, double y2, string cssClass) => new(Svg + "line",
        new XAttribute("x1", F(x1)), new XAttribute("y1", F(y1)), new XAttribute("x2", F(x2)), new XAttribute("y2", F(y2)),
        new XAttribute("class", cssClass));

    private static string F(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private sealed record PlotArea(double Left, double Right, double Top, double Bottom)
    {
        public double X(int index, int count) => count <= 1 ? (Left + Right) / 2 : Left + (Right - Left) * index / (count - 1);

        public double Y(double value, double ceiling) => Bottom - (Bottom - Top) * value / ceiling;
    }
}
