using Campaigns.Storage.Idempotency;

namespace Campaigns.Application.Idempotency;

/// <summary>
/// Claims, completes and releases Idempotency-Keys for the gateway, over the durable <see cref="IdempotencyStore"/>.
/// Completing or releasing is fenced by the claim's token: once a retry has taken an abandoned claim over, the
/// original request can no longer store or delete anything under that key.
/// </summary>
public sealed class IdempotentRequests(IdempotencyStore store, TimeProvider clock)
{
    /// <summary>Claims <paramref name="key"/> in <paramref name="scope"/> for a request hashing to <paramref name="requestHash"/>.</summary>
    public async Task<IdempotencyTicket> ClaimAsync(string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        var claim = await store.ClaimAsync(scope, key, requestHash, clock.GetUtcNow(), cancellationToken);
        return claim.Result switch
        {
            IdempotencyClaimResult.Claimed => new IdempotencyTicket(scope, key, IdempotencyDecision.Run, claim.Token),
            IdempotencyClaimResult.Replay => new IdempotencyTicket(scope, key, IdempotencyDecision.Replay, Response: ToRecorded(claim.Response!)),
            IdempotencyClaimResult.Mismatch => new IdempotencyTicket(scope, key, IdempotencyDecision.Mismatch),
            _ => new IdempotencyTicket(scope, key, IdempotencyDecision.InProgress),
        };
    }

    /// <summary>Stores the response of a claim; false when the claim was taken over meanwhile (nothing stored).</summary>
    public Task<bool> CompleteAsync(IdempotencyTicket ticket, RecordedResponse response) =>
        store.CompleteAsync(ticket.Scope, ticket.Key, TokenOf(ticket),
            new StoredResponse(response.StatusCode, response.ContentType, response.Location, response.Body), clock.GetUtcNow());

    /// <summary>Forgets a claim whose request changed nothing; false when it was taken over meanwhile (the new claim stays).</summary>
    public Task<bool> ReleaseAsync(IdempotencyTicket ticket) => store.ReleaseAsync(ticket.Scope, ticket.Key, TokenOf(ticket));

    private static string TokenOf(IdempotencyTicket ticket) =>
        ticket.Token ?? throw new InvalidOperationException("Only a claim the request runs under can be completed or released.");

    private static RecordedResponse ToRecorded(StoredResponse stored) =>
        new(stored.StatusCode, stored.ContentType, stored.Location, stored.Body);
}
