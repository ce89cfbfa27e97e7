using System.Xml.Linq;
using Campaigns.Domain.Reports;

namespace Campaigns.Domain.Tests;

public sealed class ReportChartTests
{
    private static readonly XNamespace Svg = ReportChart.Svg;
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static ReportChartInput Input(string title, IReadOnlyList<WaveSeries> series, TimeBuckets? buckets) =>
        new(title, "running · 12 pushes", new EngagementTotals(12, 10, 120_000, 9_000, 800, 200, 2_400, 96, 19_104m), buckets, series, Shanghai);

    private static XDocument Render(ReportChartInput input) => XDocument.Parse(ReportChart.Render(input));

    [Fact]
    public void The_chart_is_an_svg_document_with_a_title_funnel_series_and_legend()
    {
        var buckets = TimeBuckets.Cover(Start, Start.AddHours(2));
        var series = new[] { new WaveSeries(0, Enumerable.Range(1, buckets.Count).Select(i => i * 1_000L).ToList()), new WaveSeries(1, new long[buckets.Count]) };

        var svg = Render(Input("Summer serum launch", series, buckets)).Root!;

        Assert.Equal(Svg + "svg", svg.Name);
        Assert.Equal("Summer serum launch", svg.Element(Svg + "title")!.Value);
        var stages = svg.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "stage").ToList();
        Assert.Equal(["views", "engagements", "clicks", "orders"], stages.Select(s => (string)s.Attribute("data-stage")!));
        Assert.True(Width(stages[0]) > Width(stages[1]) && Width(stages[1]) > Width(stages[2]) && Width(stages[2]) > Width(stages[3]));
        var lines = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").ToList();
        Assert.Equal(["0", "1"], lines.Select(l => (string)l.Attribute("data-wave")!));
        Assert.All(lines, l => Assert.Equal(buckets.Count, ((string)l.Element(Svg + "polyline")!.Attribute("points")!).Split(' ').Length));
        var legend = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("id") == "legend");
        Assert.Equal(["Wave 0", "Wave 1"], legend.Elements(Svg + "text").Select(t => t.Value));
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value.Contains("GMV 19,104.00", StringComparison.Ordinal));
    }

    [Fact]
    public void A_higher_line_is_drawn_higher_up()
    {
        var buckets = TimeBuckets.Cover(Start, Start.AddMinutes(10));
        var series = new[] { new WaveSeries(0, Enumerable.Repeat(5_000L, buckets.Count).ToList()), new WaveSeries(1, Enumerable.Repeat(100L, buckets.Count).ToList()) };

        var lines = Render(Input("c", series, buckets)).Descendants(Svg + "polyline").ToList();

        // SVG's y grows downwards.
        Assert.True(FirstY(lines[0]) < FirstY(lines[1]));
    }

    [Theory]
    [InlineData("夏季精华液新品上市 🚀")]
    [InlineData("Tom & Jerry <b>\"sale\"</b> 'now'")]
    [InlineData("bell\u0007 and nul\u0000 vanish")]
    public void Any_name_is_escaped_into_well_formed_xml(string name)
    {
        var svg = Render(Input(name, [], null)).Root!;

        Assert.Equal(name.Replace("\u0007", "").Replace("\u0000", ""), svg.Element(Svg + "title")!.Value);
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == name.Replace("\u0007", "").Replace("\u0000", ""));
    }

    [Fact]
    public void Nothing_published_still_draws_a_valid_chart_that_says_so()
    {
        var input = new ReportChartInput("Draft", "draft", EngagementTotals.Zero, null, [], Shanghai);

        var svg = Render(input).Root!;

        Assert.Empty(svg.Descendants(Svg + "polyline"));
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "Nothing published yet");
        Assert.All(svg.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "stage"), r => Assert.Equal(0, Width(r)));
    }

    [Fact]
    public void Time_labels_are_in_the_campaigns_zone()
    {
        var buckets = TimeBuckets.Cover(Start, Start.AddHours(1));
        var svg = Render(Input("c", [new WaveSeries(0, new long[buckets.Count])], buckets)).Root!;

        var ticks = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "x-axis").Elements(Svg + "text").Select(t => t.Value).ToList();

        Assert.Contains("20:02", ticks); // 12:02 UTC is 20:02 in Shanghai
        Assert.Contains(ticks, t => t.StartsWith("time (Asia/Shanghai)", StringComparison.Ordinal));
    }

    private static double Width(XElement rect) => double.Parse((string)rect.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture);

    private static double FirstY(XElement polyline) =>
        double.Parse(((string)polyline.Attribute("points")!).Split(' ')[0].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);
}
