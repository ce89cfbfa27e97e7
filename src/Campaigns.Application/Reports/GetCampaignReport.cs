using System.Globalization;
using Campaigns.Application.Common;
using Campaigns.Domain.Common;
using Campaigns.Domain.Reports;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using FluentValidation;
using Mediator;

namespace Campaigns.Application.Reports;

/// <summary>
/// A campaign's report as JSON (<c>GET /v1/campaigns/{id}/report?top=</c>): the account, video and product breakdowns
/// list the <see cref="Top"/> most viewed (default <see cref="DefaultTop"/>); waves and platforms are always complete.
/// </summary>
public sealed record GetCampaignReport(string AgencyId, string CampaignId, int? Top = null) : IQuery<Outcome<CampaignReportView>>
{
    public const int DefaultTop = 100, MaxTop = 10_000;
}

public sealed class GetCampaignReportValidator : AbstractValidator<GetCampaignReport>
{
    public GetCampaignReportValidator() => RuleFor(q => q.Top).InclusiveBetween(1, GetCampaignReport.MaxTop);
}

public sealed class GetCampaignReportHandler(CampaignReports reports) : IQueryHandler<GetCampaignReport, Outcome<CampaignReportView>>
{
    public async ValueTask<Outcome<CampaignReportView>> Handle(GetCampaignReport query, CancellationToken cancellationToken) =>
        (await reports.BuildAsync(query.AgencyId, query.CampaignId, query.Top ?? GetCampaignReport.DefaultTop, cancellationToken))
            .Map(r => CampaignReportView.From(r, query.Top ?? GetCampaignReport.DefaultTop));
}

/// <summary>A campaign's report drawn as an SVG chart (<c>GET /v1/campaigns/{id}/report.svg</c>).</summary>
public sealed record GetCampaignReportChart(string AgencyId, string CampaignId) : IQuery<Outcome<string>>;

public sealed class GetCampaignReportChartHandler(CampaignReports reports) : IQueryHandler<GetCampaignReportChart, Outcome<string>>
{
    public async ValueTask<Outcome<string>> Handle(GetCampaignReportChart query, CancellationToken cancellationToken) =>
        (await reports.BuildAsync(query.AgencyId, query.CampaignId, followersOfTop: 0, cancellationToken)).Map(Render);

    private static string Render(CampaignReport report)
    {
        var definition = report.Campaign.Definition;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(definition.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        var totals = report.Rollup.Total.Totals;
        var window = report.From is { } from && report.To is { } to ? $"{Local(from, zone)} – {Local(to, zone)} ({zone.Id})" : "not launched";
        var subtitle = $"{WireName<CampaignStatus>.Of(report.Campaign.Status)}  ·  {totals.Published:N0} of {totals.Pushes:N0} pushes published  ·  {window}";
        return ReportChart.Render(new ReportChartInput(definition.Name, subtitle, totals, report.Buckets, report.Series, zone));
    }

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
