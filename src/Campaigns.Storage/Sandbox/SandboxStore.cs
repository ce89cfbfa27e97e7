using Campaigns.Domain.Pushes;
using Campaigns.Storage.Pushes;
using Dapper;

namespace Campaigns.Storage.Sandbox;

/// <summary>
/// The sandbox platform's table, <c>sandbox_posts</c>: one row per publish key, with how many attempts and create
/// calls reached it. Only the sandbox (src/Campaigns.Sandbox) uses it; its SQL lives here with every other statement.
/// </summary>
public sealed class SandboxStore(DbConnectionFactory connections)
{
    private const string Columns =
        """
        idempotency_key AS IdempotencyKey, platform_post_id AS PlatformPostId, agency_id AS AgencyId,
        account_id AS AccountId, push_id AS PushId, video_id AS VideoId, platform AS Platform, followers AS Followers,
        published_at AS PublishedAt, attempts AS Attempts, created AS Created, creates AS Creates
        """;

    /// <summary>The created post of <paramref name="idempotencyKey"/>, or null when there is none (yet).</summary>
    public async Task<SandboxPostRow?> GetAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SandboxPostRow>(
            $"SELECT {Columns} FROM sandbox_posts WHERE idempotency_key = @idempotencyKey AND created > 0",
            new { idempotencyKey });
    }

    /// <summary>An agency's created posts (optionally one account's), oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<SandboxPostRow>> ListAsync(
        string agencyId, string? accountId, int limit, CancellationToken cancellationToken = default)
    {
        var filter = accountId is null ? "" : " AND account_id = @accountId";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SandboxPostRow>(
            $"""
            SELECT {Columns} FROM sandbox_posts WHERE agency_id = @agencyId AND created > 0{filter}
            ORDER BY published_at, idempotency_key LIMIT @limit
            """,
            new { agencyId, accountId, limit });
        return rows.AsList();
    }

    /// <summary>Makes the key's row on first sight and counts the attempt; the row as it stands after.</summary>
    public async Task<SandboxPostRow> ReceiveAsync(SandboxPostRow received, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<SandboxPostRow>(
            $"""
            INSERT INTO sandbox_posts (idempotency_key, agency_id, account_id, push_id, video_id, platform, followers, attempts, created)
            VALUES (@IdempotencyKey, @AgencyId, @AccountId, @PushId, @VideoId, @Platform, @Followers, 1, 0)
            ON CONFLICT (idempotency_key) DO UPDATE SET attempts = sandbox_posts.attempts + 1
            RETURNING {Columns}
            """,
            received);
    }

    /// <summary>
    /// Creates the post of a received key unless one exists, counting the call in <c>creates</c> all the same. One
    /// guarded update, so concurrent duplicates (from any silo) create one post between them.
    /// </summary>
    public async Task<SandboxPostRow> CreateAsync(string idempotencyKey, string postId, long publishedAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var args = new { idempotencyKey, postId, publishedAt };
        await connection.ExecuteAsync(
            """
            UPDATE sandbox_posts SET creates = creates + 1,
                created = CASE WHEN created = 0 THEN 1 ELSE created END,
                platform_post_id = COALESCE(platform_post_id, @postId),
                published_at = COALESCE(published_at, @publishedAt)
            WHERE idempotency_key = @idempotencyKey
            """, args);
        return await connection.QuerySingleAsync<SandboxPostRow>(
            $"SELECT {Columns} FROM sandbox_posts WHERE idempotency_key = @idempotencyKey", args);
    }

    /// <summary>
    /// Receives a publish and creates its post in one atomic statement: a repeat of the key counts the attempt and
    /// keeps the post already created; a key whose earlier attempts all failed gets its post now.
    /// </summary>
    public async Task<SandboxPostRow> ReceiveAndCreateAsync(SandboxPostRow received, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<SandboxPostRow>(
            $"""
            INSERT INTO sandbox_posts (idempotency_key, agency_id, account_id, push_id, video_id, platform, followers, attempts, created, creates, platform_post_id, published_at)
            VALUES (@IdempotencyKey, @AgencyId, @AccountId, @PushId, @VideoId, @Platform, @Followers, 1, 1, 1, @PlatformPostId, @PublishedAt)
            ON CONFLICT (idempotency_key) DO UPDATE SET attempts = sandbox_posts.attempts + 1, creates = sandbox_posts.creates + 1,
                platform_post_id = COALESCE(sandbox_posts.platform_post_id, excluded.platform_post_id),
                published_at = COALESCE(sandbox_posts.published_at, excluded.published_at),
                created = CASE WHEN sandbox_posts.created = 0 THEN 1 ELSE sandbox_posts.created END
            RETURNING {Columns}
            """,
            received);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> sandbox posts published since <paramref name="since"/> whose push is published and
    /// whose latest snapshot is older than 1/<paramref name="restDivisor"/> of the post's age (none at all counts too),
    /// in publish order after the cursor (<paramref name="afterAt"/>, <paramref name="afterKey"/>): the work of one page
    /// of the sandbox feed. The CROSS JOIN fixes the join order on
    /// SQLite (which plans without statistics): posts by their publish-time index, then each push by its key. Left
    /// to itself SQLite walked every published push and scanned the agency's posts for each — 57 s for a page of
    /// 1,000 at 10,000 posts, against 4 ms this way. PostgreSQL reorders a CROSS JOIN like any inner join.
    /// </summary>
    public async Task<IReadOnlyList<SandboxFeedRow>> FeedPageAsync(
        long since, long afterAt, string afterKey, long now, int restDivisor, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PushRow, SandboxFeedRow, SandboxFeedRow>(
            $"""
            SELECT p.agency_id AS AgencyId, p.id AS Id, p.campaign_id AS CampaignId, p.status AS Status,
                p.published_at AS PublishedAt, p.metrics_at AS MetricsAt, p.views AS Views, p.likes AS Likes,
                p.comments AS Comments, p.shares AS Shares, p.clicks AS Clicks, p.orders AS Orders, p.gmv AS Gmv,
                s.idempotency_key AS IdempotencyKey, s.platform_post_id AS PlatformPostId, s.followers AS Followers,
                s.published_at AS PostedAt
            FROM sandbox_posts s CROSS JOIN pushes p
            WHERE p.agency_id = s.agency_id AND p.id = s.push_id AND s.created > 0 AND s.published_at >= @since AND (s.published_at, s.idempotency_key) > (@afterAt, @afterKey)
              AND p.status = {PushSql.Word(PushStatus.Published)}
              AND (p.metrics_at IS NULL OR (p.metrics_at < @now AND (@now - p.metrics_at) * @restDivisor >= @now - s.published_at))
            ORDER BY s.published_at, s.idempotency_key
            LIMIT @limit
            """,
            (push, post) =>
            {
                post.Push = push;
                return post;
            },
            new { since, afterAt, afterKey, now, restDivisor, limit },
            splitOn: "IdempotencyKey");
        return rows.AsList();
    }
}
