using Dapper;

namespace Campaigns.Storage.Idempotency;

/// <summary>
/// Durable Idempotency-Key records. A key is claimed by inserting its row; the response is stored when the
/// request finishes; a request that failed on our side releases the key so that the client may retry. Every claim
/// carries a fresh token, and only the holder of the row's current token may complete or release it: a request
/// whose claim was taken over (see <see cref="AbandonedAfter"/>) can no longer overwrite the answer of the request
/// that took it over.
/// </summary>
public sealed class IdempotencyStore(DbConnectionFactory connections)
{
    /// <summary>How long a key is remembered: a client retrying later than this gets a fresh execution.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>A claim left unfinished this long (the process died mid-request) may be taken over.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    /// <summary>Claims a key for a request whose method, path and body hash to <paramref name="requestHash"/>.</summary>
    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string requestHash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var nowMs = now.ToUnixTimeMilliseconds();
        var token = Guid.NewGuid().ToString("N");
        var args = new { scope, key, requestHash, nowMs, token, abandonedBefore = nowMs - (long)AbandonedAfter.TotalMilliseconds };
        // A takeover replaces the token, which fences the earlier holder off (see CompleteAsync).
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO idempotency_keys (scope, key, request_hash, created_at, claim_token) VALUES (@scope, @key, @requestHash, @nowMs, @token)
            ON CONFLICT (scope, key) DO UPDATE SET request_hash = excluded.request_hash, created_at = excluded.created_at,
                claim_token = excluded.claim_token
            WHERE idempotency_keys.completed_at IS NULL AND idempotency_keys.created_at < @abandonedBefore
            """, args);
        if (inserted > 0)
        {
            return new IdempotencyClaim(IdempotencyClaimResult.Claimed, Token: token);
        }

        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            """
            SELECT request_hash AS RequestHash, status_code AS StatusCode, content_type AS ContentType, location AS Location, body AS Body
            FROM idempotency_keys WHERE scope = @scope AND key = @key
            """, args);
        if (row is null)
        {
            // Released between our insert and our read: the earlier request failed; this one may run.
            return await ClaimAsync(scope, key, requestHash, now, cancellationToken);
        }
        if (row.StatusCode is not { } status)
        {
            return new IdempotencyClaim(IdempotencyClaimResult.InProgress);
        }
        return row.RequestHash == requestHash
            ? new IdempotencyClaim(IdempotencyClaimResult.Replay, new StoredResponse(status, row.ContentType, row.Location, row.Body ?? []))
            : new IdempotencyClaim(IdempotencyClaimResult.Mismatch);
    }

    /// <summary>
    /// Stores the response of a key claimed with <paramref name="token"/>; false (and nothing stored) when the claim
    /// was taken over, completed or released since.
    /// </summary>
    public async Task<bool> CompleteAsync(string scope, string key, string token, StoredResponse response, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            """
            UPDATE idempotency_keys SET status_code = @StatusCode, content_type = @ContentType, location = @Location,
                body = @Body, completed_at = @completedAt
            WHERE scope = @scope AND key = @key AND claim_token = @token AND completed_at IS NULL
            """,
            new { scope, key, token, response.StatusCode, response.ContentType, response.Location, response.Body, completedAt = now.ToUnixTimeMilliseconds() }) > 0;
    }

    /// <summary>
    /// Forgets a key claimed with <paramref name="token"/> whose request failed on our side; false when the claim was
    /// taken over since (the new holder's claim stays).
    /// </summary>
    public async Task<bool> ReleaseAsync(string scope, string key, string token, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "DELETE FROM idempotency_keys WHERE scope = @scope AND key = @key AND claim_token = @token AND completed_at IS NULL",
            new { scope, key, token }) > 0;
    }

    /// <summary>Forgets keys claimed before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "DELETE FROM idempotency_keys WHERE created_at < @before", new { before = before.ToUnixTimeMilliseconds() });
    }

    // A class with setters rather than a positional record: SQLite hands back INTEGER as Int64 and PostgreSQL as
    // Int32, and Dapper converts on property assignment but not on constructor matching.
    private sealed class Row
    {
        public string RequestHash { get; set; } = "";
        public int? StatusCode { get; set; }
        public string? ContentType { get; set; }
        public string? Location { get; set; }
        public byte[]? Body { get; set; }
    }
}
