using Dapper;

namespace Campaigns.Storage.Idempotency;

/// <summary>
/// Durable Idempotency-Key records. A key is claimed by inserting its row; the response is stored when the
/// request finishes; a request that failed on our side releases the key so that the client may retry.
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
        var args = new { scope, key, requestHash, nowMs, abandonedBefore = nowMs - (long)AbandonedAfter.TotalMilliseconds };
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES (@scope, @key, @requestHash, @nowMs)
            ON CONFLICT (scope, key) DO UPDATE SET request_hash = excluded.request_hash, created_at = excluded.created_at
            WHERE idempotency_keys.completed_at IS NULL AND idempotency_keys.created_at < @abandonedBefore
            """, args);
        if (inserted > 0)
        {
            return new IdempotencyClaim(IdempotencyClaimResult.Claimed);
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

    /// <summary>Stores the response of a claimed key.</summary>
    public async Task CompleteAsync(string scope, string key, StoredResponse response, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            UPDATE idempotency_keys SET status_code = @StatusCode, content_type = @ContentType, location = @Location,
                body = @Body, completed_at = @completedAt
            WHERE scope = @scope AND key = @key
            """,
            new { scope, key, response.StatusCode, response.ContentType, response.Location, response.Body, completedAt = now.ToUnixTimeMilliseconds() });
    }

    /// <summary>Forgets a claimed key whose request failed on our side.</summary>
    public async Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "DELETE FROM idempotency_keys WHERE scope = @scope AND key = @key AND completed_at IS NULL", new { scope, key });
    }

    // A class with setters rather than a positional record: SQLite hands back INTEGER as Int64 and PostgreSQL as
    // Int32, and Dapper converts on property assignment but not on constructor matching.
    /// <summary>Forgets keys claimed before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "DELETE FROM idempotency_keys WHERE created_at < @before", new { before = before.ToUnixTimeMilliseconds() });
    }

    private sealed class Row
    {
        public string RequestHash { get; set; } = "";
        public int? StatusCode { get; set; }
        public string? ContentType { get; set; }
        public string? Location { get; set; }
        public byte[]? Body { get; set; }
    }
}
