using System.Data.Common;
using System.Text;
using Dapper;

namespace Campaigns.Storage.Campaigns;

/// <summary>
/// Pushes: written in bulk at launch, claimed in bulk when due, updated one by one as they publish. A claim is a
/// single conditional UPDATE, so a push can be claimed by one firing only, and a cancel that runs first wins.
/// </summary>
public sealed partial class PushStore(DbConnectionFactory connections)
{
    private const string Columns =
        "agency_id, id, campaign_id, account_id, video_id, platform, brand, wave, caption, hashtags, scheduled_at, due_at, status, held, attempts, last_error, platform_post_id, fired_at, published_at, updated_at, gated, wave_offset";

    internal const string Select =
        """
        agency_id AS AgencyId, id AS Id, campaign_id AS CampaignId, account_id AS AccountId, video_id AS VideoId,
        platform AS Platform, brand AS Brand, wave AS Wave, caption AS Caption, hashtags AS Hashtags,
        scheduled_at AS ScheduledAt, due_at AS DueAt, status AS Status, held AS Held, attempts AS Attempts,
        last_error AS LastError, platform_post_id AS PlatformPostId, fired_at AS FiredAt, published_at AS PublishedAt,
        updated_at AS UpdatedAt, metrics_at AS MetricsAt, views AS Views, likes AS Likes, comments AS Comments,
        shares AS Shares, clicks AS Clicks, orders AS Orders, gmv AS Gmv, gated AS Gated, wave_offset AS WaveOffset
        """;

    /// <summary>Stores a launch's pushes in one transaction: all of them, or none; rows already there are kept.</summary>
    public async Task InsertAsync(IReadOnlyList<PushRow> rows, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await InsertAsync(connection, transaction, rows, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await AnalyzeAfterBulkAsync(connection, rows.Count, cancellationToken);
    }

    /// <summary>A launch at least this big refreshes the planner's statistics on <c>pushes</c> (PostgreSQL).</summary>
    internal const int AnalyzeAfterRows = 1_000;

    /// <summary>
    /// After a big launch, refreshes PostgreSQL's statistics on <c>pushes</c>. Until autovacuum gets round to it (a
    /// minute or more), the planner believes the new agency, accounts and statuses hardly exist: it answered each
    /// account's "published since" with a scan of the agency's every push (19 ms instead of 0.1 ms, measured), and at a
    /// burst's instant a thousand such reads kept both cores busy for 20 s. A sample of the table takes milliseconds.
    /// </summary>
    internal static Task AnalyzeAfterBulkAsync(DbConnection connection, int inserted, CancellationToken cancellationToken) =>
        inserted >= AnalyzeAfterRows ? BatchInsert.AnalyzeAsync(connection, ["pushes"], cancellationToken) : Task.CompletedTask;

    /// <summary>Stores pushes within the caller's transaction (an exchange stores its pushes with its credits).</summary>
    internal static Task InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PushRow> rows, CancellationToken cancellationToken) =>
        // Ids are derived from the plan, so a launch repeated after a crash inserts nothing twice.
        BatchInsert.ExecuteAsync(connection, transaction, "pushes", Columns.Split(", "),
            rows.Select(r => new object?[]
            {
                r.AgencyId, r.Id, r.CampaignId, r.AccountId, r.VideoId, r.Platform, r.Brand, r.Wave, r.Caption, r.Hashtags,
                r.ScheduledAt, r.DueAt, r.Status, r.Held, r.Attempts, r.LastError, r.PlatformPostId, r.FiredAt, r.PublishedAt, r.UpdatedAt, r.Gated, r.WaveOffset,
            }).ToList(),
            " ON CONFLICT (agency_id, id) DO NOTHING", cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> scheduled, unheld pushes due before <paramref name="dueBefore"/> by moving
    /// them to publishing, and returns them. A push is claimed by one caller only.
    /// </summary>
    /// <remarks>
    /// On PostgreSQL the due rows are picked and locked once (a materialized CTE, <c>FOR UPDATE SKIP LOCKED</c>) and
    /// then updated by primary key. The plainer <c>WHERE (agency_id, id) IN (SELECT … FOR UPDATE SKIP LOCKED)</c> is
    /// at the planner's mercy: right after a launch, before autovacuum has analysed the new rows, statistics say almost
    /// no push is scheduled, and the planner rescans the locking subquery once per scheduled push — measured 7.5 s for
    /// 10,000 pushes on an idle database, and 30 s timeouts during a benchmark burst. Updating by key cannot be planned
    /// that way, and the rows need no second status check: they stay locked, as selected, until the statement ends.
    /// </remarks>
    public async Task<IReadOnlyList<PushRow>> ClaimDueAsync(long dueBefore, int limit, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PushRow>(ClaimSql(connections.Provider), new { dueBefore, limit, now });
        return rows.ToList();
    }

    /// <summary>The claim statement of <see cref="ClaimDueAsync"/> (parameters <c>@dueBefore</c>, <c>@limit</c>, <c>@now</c>).</summary>
    internal static string ClaimSql(StorageProvider provider)
    {
        const string Due = $"status = '{PushStatuses.Scheduled}' AND held = 0 AND gated = 0 AND due_at < @dueBefore";
        return provider == StorageProvider.PostgreSql
            ? $"""
              WITH due AS MATERIALIZED (
                  SELECT agency_id AS due_agency, id AS due_id FROM pushes WHERE {Due}
                  ORDER BY due_at LIMIT @limit FOR UPDATE SKIP LOCKED)
              UPDATE pushes SET status = '{PushStatuses.Publishing}', updated_at = @now
              FROM due WHERE agency_id = due_agency AND id = due_id
              RETURNING {Select}
              """
            : $"""
              UPDATE pushes SET status = '{PushStatuses.Publishing}', updated_at = @now
              WHERE status = '{PushStatuses.Scheduled}' AND held = 0 AND gated = 0 AND (agency_id, id) IN (
                  SELECT agency_id, id FROM pushes WHERE {Due} ORDER BY due_at LIMIT @limit)
              RETURNING {Select}
              """;
    }

    /// <summary>
    /// Puts pushes claimed long ago but never settled (their silo died mid-flight) back to scheduled, so that the
    /// next sweep fires them again. "Long ago" counts from the later of the claim and the push's instant: a push
    /// claimed ahead of its instant (the trigger lead) is waiting, not abandoned. The lost attempt is counted: a push with attempts behind it asks the platform
    /// whether its post exists before publishing, so a slow silo that was alive after all never causes a blind re-post.
    /// </summary>
    public async Task<int> ReleaseAbandonedAsync(long claimedBefore, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            $"UPDATE pushes SET status = '{PushStatuses.Scheduled}', attempts = attempts + 1, last_error = 'Released after its silo went quiet mid-flight; the outcome of that attempt is unknown.', updated_at = @now WHERE status = '{PushStatuses.Publishing}' AND updated_at < @claimedBefore AND due_at < @claimedBefore",
            new { claimedBefore, now });
    }

    /// <summary>
    /// True when the database has a single writer (SQLite): a long write elsewhere then delays the outcomes of pushes
    /// publishing meanwhile, so bulk writers that can wait (the sandbox feed) yield to firing.
    /// </summary>
    public bool SingleWriter => connections.Provider == StorageProvider.Sqlite;

    /// <summary>Whether any push is publishing now, or scheduled (unheld, released) and due before <paramref name="until"/>.</summary>
    public async Task<bool> FiringSoonAsync(long until, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            $"""
            SELECT CASE WHEN EXISTS (SELECT 1 FROM pushes WHERE status = '{PushStatuses.Publishing}')
                OR EXISTS (SELECT 1 FROM pushes WHERE status = '{PushStatuses.Scheduled}' AND due_at < @until AND held = 0 AND gated = 0)
            THEN 1 ELSE 0 END
            """, new { until }) == 1;
    }

    /// <summary>Records what several firings did, in one transaction (one durable commit for all of them).</summary>
    public async Task RecordAsync(IReadOnlyList<PushOutcomeUpdate> updates, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // A published push is final: a late duplicate firing (re-dispatched by the sweeper while the first was still
        // publishing) that hears "cancel" must not turn it into cancelled.
        await connection.ExecuteAsync(
            $"""
            UPDATE pushes SET status = @Status, attempts = @Attempts, due_at = @DueAt, last_error = @LastError,
                platform_post_id = @PlatformPostId, fired_at = COALESCE(@FiredAt, fired_at),
                published_at = @PublishedAt, updated_at = @UpdatedAt
            WHERE agency_id = @AgencyId AND id = @Id AND status <> '{PushStatuses.Published}'
            """, updates, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Puts a claimed push back, held, because its campaign was paused while it was being dispatched.</summary>
    public async Task HoldAsync(string agencyId, string id, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            $"UPDATE pushes SET status = '{PushStatuses.Scheduled}', held = 1, updated_at = @now WHERE agency_id = @agencyId AND id = @id AND status = '{PushStatuses.Publishing}'",
            new { agencyId, id, now });
    }

    /// <summary>Releases one held push, so the next claim takes it (its campaign stopped holding while it was being held).</summary>
    public async Task ReleaseHoldAsync(string agencyId, string id, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            $"UPDATE pushes SET held = 0, updated_at = @now WHERE agency_id = @agencyId AND id = @id AND status = '{PushStatuses.Scheduled}'",
            new { agencyId, id, now });
    }

    /// <summary>Cancels every push of a campaign that has not fired; returns how many.</summary>
    public async Task<int> CancelScheduledAsync(string agencyId, string campaignId, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            $"UPDATE pushes SET status = '{PushStatuses.Cancelled}', updated_at = @now WHERE agency_id = @agencyId AND campaign_id = @campaignId AND status = '{PushStatuses.Scheduled}'",
            new { agencyId, campaignId, now });
    }

    /// <summary>
    /// Cancels one account's pushes in a campaign that have not fired (a stopAccount rule), noting why; returns how
    /// many. A push already claimed for publishing is not <c>scheduled</c> and is left alone: claim and cancel are
    /// each one conditional UPDATE, so exactly one of them wins.
    /// </summary>
    public async Task<int> CancelAccountScheduledAsync(string agencyId, string campaignId, string accountId, string reason, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            $"UPDATE pushes SET status = '{PushStatuses.Cancelled}', last_error = @reason, updated_at = @now WHERE agency_id = @agencyId AND campaign_id = @campaignId AND account_id = @accountId AND status = '{PushStatuses.Scheduled}'",
            new { agencyId, campaignId, accountId, reason, now });
    }

    /// <summary>
    /// Holds or releases every scheduled push of a campaign (pause, and resume or a launch releasing what its draft
    /// held); returns how many changed. Rows already so are not written, so a launch's release touches none.
    /// </summary>
    public async Task<int> SetHeldAsync(string agencyId, string campaignId, bool held, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            $"UPDATE pushes SET held = @held, updated_at = @now WHERE agency_id = @agencyId AND campaign_id = @campaignId AND status = '{PushStatuses.Scheduled}' AND gated = 0 AND held <> @held",
            new { agencyId, campaignId, held = held ? 1 : 0, now });
    }

    /// <summary>The distinct instants at which a campaign's scheduled, unheld pushes are due.</summary>
    public async Task<IReadOnlyList<long>> DueInstantsAsync(string agencyId, string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<long>(
            $"SELECT DISTINCT due_at FROM pushes WHERE agency_id = @agencyId AND campaign_id = @campaignId AND status = '{PushStatuses.Scheduled}' AND held = 0 AND gated = 0",
            new { agencyId, campaignId });
        return rows.ToList();
    }

    /// <summary>How many pushes of a campaign are in each status.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(string agencyId, string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Status, long Count)>(
            "SELECT status, COUNT(*) FROM pushes WHERE agency_id = @agencyId AND campaign_id = @campaignId GROUP BY status",
            new { agencyId, campaignId });
        return rows.ToDictionary(r => r.Status, r => (int)r.Count);
    }

    /// <summary>One push of an agency.</summary>
    public async Task<PushRow?> GetAsync(string agencyId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<PushRow>(
            $"SELECT {Select} FROM pushes WHERE agency_id = @agencyId AND id = @id", new { agencyId, id });
    }

    /// <summary>A page of a campaign's pushes in id order, optionally in one status.</summary>
    public async Task<(IReadOnlyList<PushRow> Rows, bool HasMore)> ListAsync(
        string agencyId, string campaignId, string? status, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder($"SELECT {Select} FROM pushes WHERE agency_id = @agencyId AND campaign_id = @campaignId");
        if (status is not null) sql.Append(" AND status = @status");
        if (after is not null) sql.Append(" AND id > @after");
        sql.Append(" ORDER BY id LIMIT @take");
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<PushRow>(sql.ToString(), new { agencyId, campaignId, status, after, take = limit + 1 })).ToList();
        var hasMore = rows.Count > limit;
        return (hasMore ? rows[..limit] : rows, hasMore);
    }

    /// <summary>The scheduled instants of an account's pushes published since <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> PublishedSinceAsync(string agencyId, string accountId, long since, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<long>(
            $"SELECT scheduled_at FROM pushes WHERE agency_id = @agencyId AND account_id = @accountId AND status = '{PushStatuses.Published}' AND published_at >= @since",
            new { agencyId, accountId, since });
        return rows.Select(DateTimeOffset.FromUnixTimeMilliseconds).ToList();
    }

    /// <summary>Instants at which these accounts already post (scheduled or published) from <paramref name="from"/> on.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>>> TakenAsync(
        string agencyId, IReadOnlyCollection<string> accountIds, long from, CancellationToken cancellationToken = default)
    {
        var taken = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        await using var connection = await connections.OpenAsync(cancellationToken);
        foreach (var chunk in accountIds.Chunk(BatchInsert.ListChunk(connections.Provider)))
        {
            var rows = await connection.QueryAsync<(string AccountId, long At)>(
                $"""
                SELECT account_id, scheduled_at FROM pushes
                WHERE agency_id = @agencyId AND {ReadModel.SqlLists.OneOf(connections.Provider, "account_id", "ids")}
                  AND scheduled_at >= @from AND status IN ('{PushStatuses.Scheduled}', '{PushStatuses.Publishing}', '{PushStatuses.Published}')
                """, new { agencyId, ids = chunk, from });
            foreach (var (accountId, at) in rows)
            {
                (taken.TryGetValue(accountId, out var list) ? list : taken[accountId] = []).Add(DateTimeOffset.FromUnixTimeMilliseconds(at));
            }
        }
        return taken.ToDictionary(t => t.Key, t => (IReadOnlyList<DateTimeOffset>)t.Value);
    }
}
