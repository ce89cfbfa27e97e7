using Campaigns.Application.Affinity;
using Campaigns.Application.Common;
using Campaigns.Application.Videos;
using Campaigns.Gateway.Auth;
using Campaigns.Gateway.Errors;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Campaigns.Gateway.Endpoints;

/// <summary><c>/v1/videos</c>: the agency's content library.</summary>
public static class VideosApi
{
    public static IEndpointRouteBuilder MapVideosApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/videos").WithTags("Videos").RequireAuthorization(AuthNames.AgencyPolicy);

        group.MapPost("/", async (CreateVideo body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(body with { AgencyId = http.User.AgencyId() }, ct)).ToCreated(v => $"/v1/videos/{v.Id}"))
            .WithName("CreateVideo").WithSummary("Add a video; variants are checked against each platform's limits")
            .Produces<VideoView>(StatusCodes.Status201Created).ProducesValidationProblem();

        group.MapGet("/", async (HttpContext http, IMediator mediator, CancellationToken ct, string? tag, string? productId, string? type, int? limit, string? cursor) =>
                TypedResults.Ok(await mediator.Send(new ListVideos(http.User.AgencyId(), tag, productId, type, limit, cursor), ct)))
            .WithName("ListVideos").WithSummary("List videos, by tag, linked product or type")
            .Produces<Page<VideoView>>().ProducesValidationProblem();

        group.MapGet("/{id}", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetVideo(http.User.AgencyId(), id), ct)).ToOk())
            .WithName("GetVideo").WithSummary("Get one video")
            .Produces<VideoView>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/matches", async (string id, HttpContext http, IMediator mediator, CancellationToken ct, int? limit, string? platform, string? kind) =>
                (await mediator.Send(new GetVideoMatches(http.User.AgencyId(), id, limit, platform, kind), ct)).ToOk())
            .WithName("GetVideoMatches").WithSummary("Rank active accounts by how well the video's tags and topics fit their audience")
            .Produces<MatchList>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}
