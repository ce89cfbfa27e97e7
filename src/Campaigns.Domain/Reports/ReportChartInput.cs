namespace Campaigns.Domain.Reports;

/// <summary>What a campaign's report chart shows.</summary>
/// <param name="Title">The headline, usually the campaign's name (any script; it is escaped).</param>
/// <param name="Subtitle">One line under it: status, window, when the figures were taken.</param>
/// <param name="Totals">The campaign's totals, drawn as the funnel.</param>
/// <param name="Buckets">The time axis; null when nothing has been published yet.</param>
/// <param name="Series">Cumulative views per wave, one value per bucket.</param>
/// <param name="Zone">The time zone the time axis is labelled in.</param>
public sealed record ReportChartInput(
    string Title, string Subtitle, EngagementTotals Totals, TimeBuckets? Buckets, IReadOnlyList<WaveSeries> Series, TimeZoneInfo Zone);
