using System.Text;
using Campaigns.Application.Campaigns;
using Campaigns.Application.Common;
using Campaigns.Application.Feedback;
using Campaigns.Application.Reports;
using Campaigns.Gateway.Auth;
using Campaigns.Gateway.Errors;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Campaigns.Gateway.Endpoints;

/// <summary><c>/v1/campaigns/{id}/report</c>: a campaign's results as JSON and as an SVG chart; <c>/v1/pushes/{id}/metrics</c>: a push's history.</summary>
public static class ReportsApi
{
    public const string SvgMediaType = "image/svg+xml";

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/campaigns").WithTags("Reports").RequireAuthorization(AuthNames.AgencyPolicy);

        group.MapGet("/{id}/report", async (string id, HttpContext http, IMediator mediator, CancellationToken ct, int? top) =>
                (await mediator.Send(new GetCampaignReport(http.User.AgencyId(), id, top), ct)).ToOk())
            .WithName("GetCampaignReport")
            .WithSummary("Totals, breakdowns by wave, platform, account, video and product (the top most viewed), and views over time per wave")
            .Produces<CampaignReportView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/report.svg", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var outcome = await mediator.Send(new GetCampaignReportChart(http.User.AgencyId(), id), ct);
                return outcome.Error is null ? Results.Text(outcome.Value, SvgMediaType, Encoding.UTF8) : OutcomeResults.Problem(outcome.Error);
            })
            .WithName("GetCampaignReportChart")
            .WithSummary("The report as a chart: the funnel and cumulative views over time per wave")
            .Produces<Stream>(StatusCodes.Status200OK, SvgMediaType).ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/v1/pushes/{id}/metrics", async (string id, HttpContext http, IMediator mediator, CancellationToken ct, int? limit, string? cursor) =>
                (await mediator.Send(new GetPushMetricsHistory(http.User.AgencyId(), id, limit, cursor), ct)).ToOk())
            .RequireAuthorization(AuthNames.AgencyPolicy).WithTags("Pushes")
            .WithName("GetPushMetricsHistory").WithSummary("A push's engagement snapshots, oldest first, late ones included")
            .Produces<Page<MetricsSnapshotView>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
