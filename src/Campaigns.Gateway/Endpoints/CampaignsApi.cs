
using Campaigns.Application.Brands;
using Campaigns.Application.Campaigns;
using Campaigns.Application.Common;
using Campaigns.Application.Feedback;
using Campaigns.Application.Pushes;
using Campaigns.Gateway.Auth;
using Campaigns.Gateway.Errors;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
namespace Campaigns.Gateway.Endpoints;

/// <summary><c>/v1/campaigns</c>: plan, launch and steer campaigns; <c>/v1/pushes</c> and <c>/v1/brands</c> beside them.</summary>
public static class CampaignsApi
{
    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/campaigns").WithTags("Campaigns").RequireAuthorization(AuthNames.AgencyPolicy);

        group.MapPost("/", async (CreateCampaign body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(body with { AgencyId = http.User.AgencyId() }, ct)).ToCreated(c => $"/v1/campaigns/{c.Id}"))
            .WithName("CreateCampaign").WithSummary("Create a campaign as a draft")
            .Produces<CampaignView>(StatusCodes.Status201Created).ProducesValidationProblem();

        group.MapGet("/", async (HttpContext http, IMediator mediator, CancellationToken ct, string? brand, string? status, int? limit, string? cursor) =>
                TypedResults.Ok(await mediator.Send(new ListCampaigns(http.User.AgencyId(), brand, status, limit, cursor), ct)))
            .WithName("ListCampaigns").WithSummary("List campaigns, by brand and status")
            .Produces<Page<CampaignView>>().ProducesValidationProblem();

        group.MapGet("/{id}", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetCampaign(http.User.AgencyId(), id), ct)).ToOk())
            .WithName("GetCampaign").WithSummary("Get a campaign with its progress counts")
            .Produces<CampaignView>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id}/plan", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new PlanCampaign(http.User.AgencyId(), id), ct)).ToOk())
            .WithName("PlanCampaign").WithSummary("Dry run: every push the campaign would make, and warnings; changes nothing")
            .Produces<PlanView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/{id}/launch", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new LaunchCampaign(http.User.AgencyId(), id), ct)).ToAccepted(c => $"/v1/campaigns/{c.Id}"))
            .WithName("LaunchCampaign").WithSummary("Plan and schedule every push durably; answers once they are stored")
            .Produces<CampaignView>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        MapChange(group, "pause", CampaignChange.Pause, "Hold every push not yet fired");
        MapChange(group, "resume", CampaignChange.Resume, "Release held pushes; those already due fire at once unless stale");
        MapChange(group, "cancel", CampaignChange.Cancel, "Cancel every push not yet fired; none fires afterwards");

        group.MapGet("/{id}/pushes", async (string id, HttpContext http, IMediator mediator, CancellationToken ct, string? status, int? limit, string? cursor) =>
                (await mediator.Send(new ListPushes(http.User.AgencyId(), PushOwnerKind.Campaign, id, status, limit, cursor), ct)).ToOk())
            .WithName("ListCampaignPushes").WithSummary("List a campaign's pushes, optionally in one status")
            .Produces<Page<PushView>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/timeline", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetTimeline(http.User.AgencyId(), id), ct)).ToOk())
            .WithName("GetCampaignTimeline").WithSummary("What happened to the campaign and why, oldest first")
            .Produces<TimelineView>().ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/v1/pushes/{id}", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetPush(http.User.AgencyId(), id), ct)).ToOk())
            .RequireAuthorization(AuthNames.AgencyPolicy).WithTags("Pushes")
            .WithName("GetPush").WithSummary("Get one push: status, attempts, platform post id")
            .Produces<PushView>().ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost("/v1/pushes/{id}/metrics", async (string id, RecordPushMetrics body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(body with { AgencyId = http.User.AgencyId(), PushId = id }, ct)).ToAccepted())
            .RequireAuthorization(AuthNames.AgencyPolicy).WithTags("Pushes")
            .WithName("RecordPushMetrics").WithSummary("Record a cumulative engagement snapshot; older and duplicate snapshots change nothing")
            .Produces<MetricsReceiptView>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        app.MapPost("/v1/pushes/{id}/resolve", async (string id, ResolvePush body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(body with { AgencyId = http.User.AgencyId(), PushId = id }, ct)).ToOk())
            .RequireAuthorization(AuthNames.AgencyPolicy).WithTags("Pushes")
            .WithName("ResolvePush").WithSummary("Settle an unconfirmed push: published as platformPostId, or not published (due again unless stale)")
            .Produces<PushView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        app.MapPost("/v1/webhooks/{connector}", async (string connector, HttpRequest request, IMediator mediator, CancellationToken ct) =>
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer, ct);
                var callback = new WebhookCallback(connector,
                    request.Headers[WebhookCallback.TimestampHeader].ToString(),
                    request.Headers[WebhookCallback.SignatureHeader].ToString(),
                    buffer.ToArray());
                return (await mediator.Send(callback, ct)).ToAccepted();
            })
            .AllowAnonymous().WithTags("Pushes")
            .WithName("PlatformCallback").WithSummary("A platform's engagement callback, HMAC-SHA256-signed with the account's webhook secret")
            .Accepts<WebhookCallbackBody>("application/json")
            .Produces<MetricsReceiptView>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var brands = app.MapGroup("/v1/brands").WithTags("Brands").RequireAuthorization(AuthNames.AgencyPolicy);
        brands.MapPost("/{brand}/freeze", async (string brand, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new FreezeBrand(http.User.AgencyId(), brand, Freeze: true), ct)))
            .WithName("FreezeBrand").WithSummary("Pause every scheduled or running campaign of a brand")
            .Produces<BrandFreezeView>().ProducesValidationProblem();
        brands.MapPost("/{brand}/unfreeze", async (string brand, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new FreezeBrand(http.User.AgencyId(), brand, Freeze: false), ct)))
            .WithName("UnfreezeBrand").WithSummary("Resume the brand's campaigns that its freeze paused")
            .Produces<BrandFreezeView>().ProducesValidationProblem();
        return app;
    }

    private static void MapChange(RouteGroupBuilder group, string verb, CampaignChange change, string summary) =>
        group.MapPost($"/{{id}}/{verb}", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ChangeCampaign(http.User.AgencyId(), id, change), ct)).ToOk())
            .WithName($"{change}Campaign").WithSummary(summary)
            .Produces<CampaignView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
