using Campaigns.Application.Accounts;
using Campaigns.Application.Accounts.Connect;
using Campaigns.Application.Accounts.Import;
using Campaigns.Application.Common;
using Campaigns.Gateway.Auth;
using Campaigns.Gateway.Errors;
using Campaigns.Gateway.Idempotency;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Campaigns.Gateway.Endpoints;

/// <summary><c>/v1/accounts</c>: the accounts of the calling agency's matrix.</summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/accounts").WithTags("Accounts").RequireAuthorization(AuthNames.AgencyPolicy);

        group.MapPost("/", async (CreateAccount body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(body with { AgencyId = http.User.AgencyId() }, ct)).ToCreated(a => $"/v1/accounts/{a.Id}"))
            .WithName("CreateAccount").WithSummary("Add an account to the matrix")
            .Produces<AccountView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", async (HttpContext http, IMediator mediator, CancellationToken ct,
                string? platform, string? brand, string? kind, string? status, string? tag, string? credential, int? limit, string? cursor) =>
                TypedResults.Ok(await mediator.Send(new ListAccounts(http.User.AgencyId(), platform, brand, kind, status, tag, credential, limit, cursor), ct)))
            .WithName("ListAccounts")
            .WithSummary("List accounts, filtered by platform, brand, kind, status, audience tag or credential status "
                + "(credential=not-connected|connected|needs-reauth; sandbox and webhook accounts have no credential)")
            .Produces<Page<AccountView>>().ProducesValidationProblem();

        group.MapGet("/{id}", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetAccount(http.User.AgencyId(), id), ct)).ToOk())
            .WithName("GetAccount").WithSummary("Get one account")
            .Produces<AccountView>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPatch("/{id}", async (string id, UpdateAccount body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(body with { AgencyId = http.User.AgencyId(), AccountId = id }, ct)).ToOk())
            .WithName("UpdateAccount").WithSummary("Change an account's display name, brand, persona, tags, time zone, caps or connector")
            .Produces<AccountView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id}/suspend", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ChangeAccountStatus(http.User.AgencyId(), id, Suspend: true), ct)).ToOk())
            .WithName("SuspendAccount").WithSummary("Stop an account from publishing")
            .Produces<AccountView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id}/resume", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ChangeAccountStatus(http.User.AgencyId(), id, Suspend: false), ct)).ToOk())
            .WithName("ResumeAccount").WithSummary("Let a suspended account publish again")
            .Produces<AccountView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id}/connect", [RedactOnReplay("authorizeUrl")] async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ConnectAccount(http.User.AgencyId(), id), ct)).ToOk())
            .WithName("ConnectAccount")
            .WithSummary("Start connecting an account on a real platform's connector → 200 {authorizeUrl, expiresAt}: send the user to "
                + "authorizeUrl (the platform's consent page; usable once, for 10 minutes); the platform then calls "
                + "GET /v1/oauth/{type}/callback and the account's credential becomes connected. 400 on a sandbox or webhook account, "
                + "or when the operator has not configured the platform (the error names the setting); 409 on a suspended account. "
                + "A replay under the same Idempotency-Key answers authorizeUrl null: ask again without the key")
            .Produces<ConnectView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id}/followers", async (string id, RecordFollowers body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(body with { AgencyId = http.User.AgencyId(), AccountId = id }, ct)).ToAccepted(_ => $"/v1/accounts/{id}/followers"))
            .WithName("RecordFollowers")
            .WithSummary("Record a follower snapshot → 202. 'at' (instant with offset, at most 5 minutes ahead) is optional: by default "
                + "now, or just after the account's newest snapshot if that is not earlier, so that it is the newest; "
                + "the newest snapshot becomes the account's followers, an older one joins the history only; the same 'at' again is "
                + "idempotent with the same count and 409 with another")
            .Produces<FollowerSnapshotView>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id}/followers", async (string id, HttpContext http, IMediator mediator, CancellationToken ct, string? from, string? to, int? limit) =>
                (await mediator.Send(new GetFollowerHistory(http.User.AgencyId(), id, from, to, limit), ct)).ToOk())
            .WithName("GetFollowerHistory")
            .WithSummary($"Follower snapshots within [from, to] (default: the last 30 days), oldest first, at most 'limit' points "
                + $"(default and maximum {GetFollowerHistory.MaxLimit}; 'truncated' and 'nextFrom' tell how to page on), and the growth "
                + "over the whole window (last minus first; relative is null with fewer than two points or a first count of 0)")
            .Produces<FollowerHistoryView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapImport<CreateAccount>(AccountCsv.ReadAsync, (agencyId, format, rows) => new ImportAccounts(agencyId, format, rows), "/v1/accounts")
            .WithName("ImportAccounts")
            .WithSummary($"Create up to {ImportAccounts.MaxRows} accounts from text/csv (header row of field names; audienceTags as "
                + "beauty:0.9;skincare:0.6; columns maxPostsPerDay, minGapMinutes, quietFrom, quietTo, connectorType, connectorUrl, "
                + "connectorSecret) " + ImportEndpoint.SummaryRules("POST /v1/accounts"));

        return app;
    }
}
