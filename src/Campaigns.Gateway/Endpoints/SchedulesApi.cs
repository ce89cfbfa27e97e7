
using Campaigns.Application.Campaigns;
using Campaigns.Application.Common;
using Campaigns.Application.Schedules;
using Campaigns.Gateway.Auth;
using Campaigns.Gateway.Errors;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
namespace Campaigns.Gateway.Endpoints;

/// <summary><c>/v1/schedules</c>: recurring timed pushes drawing from a video queue.</summary>
public static class SchedulesApi
{
    public static IEndpointRouteBuilder MapSchedulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/schedules").WithTags("Schedules").RequireAuthorization(AuthNames.AgencyPolicy);

        group.MapPost("/", async (CreateSchedule body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(body with { AgencyId = http.User.AgencyId() }, ct)).ToCreated(s => $"/v1/schedules/{s.Id}"))
            .WithName("CreateSchedule").WithSummary("Create a recurring schedule: a cron in a time zone, each account posting the next queued video")
            .Produces<ScheduleView>(StatusCodes.Status201Created).ProducesValidationProblem();

        group.MapGet("/", async (HttpContext http, IMediator mediator, CancellationToken ct, int? limit, string? cursor) =>
                TypedResults.Ok(await mediator.Send(new ListSchedules(http.User.AgencyId(), limit, cursor), ct)))
            .WithName("ListSchedules").WithSummary("List active schedules")
            .Produces<Page<ScheduleView>>().ProducesValidationProblem();

        group.MapGet("/{id}", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetSchedule(http.User.AgencyId(), id), ct)).ToOk())
            .WithName("GetSchedule").WithSummary("Get one schedule with its next firing")
            .Produces<ScheduleView>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/pushes", async (string id, HttpContext http, IMediator mediator, CancellationToken ct, string? status, int? limit, string? cursor) =>
                (await mediator.Send(new ListPushes(http.User.AgencyId(), PushOwnerKind.Schedule, id, status, limit, cursor), ct)).ToOk())
            .WithName("ListSchedulePushes").WithSummary("List the pushes a schedule has made, optionally in one status")
            .Produces<Page<PushView>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{id}", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new DeleteSchedule(http.User.AgencyId(), id), ct) is { Error: { } error }
                    ? OutcomeResults.Problem(error)
                    : TypedResults.NoContent())
            .WithName("DeleteSchedule").WithSummary("Delete a schedule: no further firing; unfired pushes are cancelled")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
