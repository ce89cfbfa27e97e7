
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Domain.Feedback;
using Campaigns.Storage;
using Dapper;
using Microsoft.Extensions.Options;
namespace Campaigns.Connectors.Sandbox;

/// <summary>
/// The simulated platform: posts kept in the <c>sandbox_posts</c> table, so they survive restarts and are shared
/// by every silo on the database, and engagement computed from them by <see cref="SandboxEngagement"/>.
/// </summary>
public sealed class SandboxPlatform(DbConnectionFactory connections, IOptionsMonitor<SandboxOptions> options, TimeProvider clock)
{
    /// <summary>The most posts <see cref="ListAsync"/> returns at once.</summary>
    public const int MaxListLimit = 1_000;

    private const string Columns =
        """
        idempotency_key AS IdempotencyKey, platform_post_id AS PlatformPostId, agency_id AS AgencyId,
        account_id AS AccountId, push_id AS PushId, video_id AS VideoId, platform AS Platform, followers AS Followers,
        published_at AS PublishedAt, attempts AS Attempts, created AS Created, creates AS Creates
        """;

    /// <summary>The post published with <paramref name="idempotencyKey"/>, or null when there is none (yet).</summary>
    public async Task<SandboxPost?> GetAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM sandbox_posts WHERE idempotency_key = @idempotencyKey AND created > 0",
            new { idempotencyKey });
        return row?.ToPost();
    }

    /// <summary>An agency's posts (optionally one account's), oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<SandboxPost>> ListAsync(
        string agencyId, string? accountId = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxListLimit);
        var filter = accountId is null ? "" : " AND account_id = @accountId";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(
            $"""
            SELECT {Columns} FROM sandbox_posts WHERE agency_id = @agencyId AND created > 0{filter}
            ORDER BY published_at, idempotency_key LIMIT @limit
            """,
            new { agencyId, accountId, limit });
        return rows.Select(r => r.ToPost()).ToList();
    }

    /// <summary>The engagement of <paramref name="post"/> at <paramref name="at"/>, under the configured time scale.</summary>
    public EngagementSnapshot EngagementOf(SandboxPost post, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(post);
        return EngagementOf(post.PlatformPostId, post.Followers, post.PublishedAt, at);
    }

    /// <summary>The engagement at <paramref name="at"/> of the post <paramref name="platformPostId"/>, under the configured time scale.</summary>
    public EngagementSnapshot EngagementOf(string platformPostId, long followers, DateTimeOffset publishedAt, DateTimeOffset at) =>
        SandboxEngagement.At(platformPostId, followers, at - publishedAt, options.CurrentValue.TimeScale);

    /// <summary>The engagement of <paramref name="post"/> now.</summary>
    public EngagementSnapshot EngagementOf(SandboxPost post) => EngagementOf(post, clock.GetUtcNow());

    /// <summary>
    /// Records that a publish with the request's key arrived: makes its row on first sight, counts the attempt,
    /// and returns the attempt number and the post, if one was already created for the key.
    /// </summary>
    internal async Task<(long Attempt, SandboxPost? Existing)> ReceiveAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<Row>(
            $"""
            INSERT INTO sandbox_posts (idempotency_key, agency_id, account_id, push_id, video_id, platform, followers, attempts, created)
            VALUES (@IdempotencyKey, @AgencyId, @AccountId, @PushId, @VideoId, @Platform, @Followers, 1, 0)
            ON CONFLICT (idempotency_key) DO UPDATE SET attempts = sandbox_posts.attempts + 1
            RETURNING {Columns}
            """,
            new
            {
                request.IdempotencyKey, request.AgencyId, request.AccountId, request.PushId, request.VideoId,
                Platform = WireName<Platform>.Of(request.Platform), request.Followers,
            });
        return (row.Attempts, row.Created > 0 ? row.ToPost() : null);
    }

    /// <summary>
    /// Creates the post of a received key unless one exists. The guarded update is a single atomic statement, so
    /// concurrent duplicates (from any silo) create one post between them; each gets that post back. Every call is
    /// counted in <c>creates</c> all the same, so a test can see that a second create was asked for.
    /// </summary>
    internal async Task<SandboxPost> CreateAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var args = new
        {
            idempotencyKey,
            postId = Ids.New("sbx", clock),
            publishedAt = clock.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        await connection.ExecuteAsync(
            """
            UPDATE sandbox_posts SET creates = creates + 1,
                created = CASE WHEN created = 0 THEN 1 ELSE created END,
                platform_post_id = COALESCE(platform_post_id, @postId),
                published_at = COALESCE(published_at, @publishedAt)
            WHERE idempotency_key = @idempotencyKey
            """, args);
        var row = await connection.QuerySingleAsync<Row>(
            $"SELECT {Columns} FROM sandbox_posts WHERE idempotency_key = @idempotencyKey", args);
        return row.ToPost();
    }

    /// <summary>
    /// Receives a publish and creates its post in one atomic statement, for when no failure is being injected (the
    /// common case): one durable write per publish instead of two. A repeat of the key counts the attempt and
    /// returns the post already created; a key whose earlier attempts all failed gets its post now.
    /// </summary>
    internal async Task<SandboxPost> ReceiveAndCreateAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<Row>(
            $"""
            INSERT INTO sandbox_posts (idempotency_key, agency_id, account_id, push_id, video_id, platform, followers, attempts, created, creates, platform_post_id, published_at)
            VALUES (@IdempotencyKey, @AgencyId, @AccountId, @PushId, @VideoId, @Platform, @Followers, 1, 1, 1, @postId, @publishedAt)
            ON CONFLICT (idempotency_key) DO UPDATE SET attempts = sandbox_posts.attempts + 1, creates = sandbox_posts.creates + 1,
                platform_post_id = COALESCE(sandbox_posts.platform_post_id, excluded.platform_post_id),
                published_at = COALESCE(sandbox_posts.published_at, excluded.published_at),
                created = CASE WHEN sandbox_posts.created = 0 THEN 1 ELSE sandbox_posts.created END
            RETURNING {Columns}
            """,
            new
            {
                request.IdempotencyKey, request.AgencyId, request.AccountId, request.PushId, request.VideoId,
                Platform = WireName<Platform>.Of(request.Platform), request.Followers,
                postId = Ids.New("sbx", clock), publishedAt = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            });
        return row.ToPost();
    }

    // Setters rather than a positional record: SQLite returns INTEGER as Int64 and PostgreSQL INTEGER as Int32, and
    // Dapper converts on property assignment but not when matching constructors.
    private sealed class Row
    {
        public string IdempotencyKey { get; set; } = "";
        public string? PlatformPostId { get; set; }
        public string AgencyId { get; set; } = "";
        public string AccountId { get; set; } = "";
        public string PushId { get; set; } = "";
        public string VideoId { get; set; } = "";
        public string Platform { get; set; } = "";
        public long Followers { get; set; }
        public long? PublishedAt { get; set; }
        public long Attempts { get; set; }
        public long Created { get; set; }
        public long Creates { get; set; }

        public SandboxPost ToPost() => new(
            IdempotencyKey,
            PlatformPostId ?? throw new InvalidOperationException($"Sandbox key '{IdempotencyKey}' has no post yet."),
            AgencyId,
            AccountId,
            PushId,
            VideoId,
            WireName<Domain.Accounts.Platform>.Parse(Platform),
            Followers,
            DateTimeOffset.FromUnixTimeMilliseconds(PublishedAt ?? 0),
            Attempts,
            Created,
            Creates);
    }
}
