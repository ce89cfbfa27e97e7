
using Campaigns.Domain.Pushes;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Common;
using Campaigns.Storage.Feedback;
using Campaigns.Storage.Pushes;
using Dapper;
namespace Campaigns.Storage.Rules;

/// <summary>
/// The reads and writes of automation rules. <c>rule_firings</c> holds one row per rule and push once the rule has
/// decided: its primary key makes "at most once per push" hold across retries, restarts and racing activations.
/// A firing is claimed by inserting its row ('firing'), and completed by moving it to 'fired' in the same transaction
/// that writes its timeline event, so a crash in between leaves a 'firing' row to finish, never a second firing.
/// </summary>
public sealed class RuleFiringStore(DbConnectionFactory connections)
{
    public const string Firing = "firing", Fired = "fired", Passed = "passed";

    private const string NotDecided =
        "NOT EXISTS (SELECT 1 FROM rule_firings f WHERE f.agency_id = p.agency_id AND f.campaign_id = p.campaign_id AND f.rule_index = @rule AND f.push_id = p.id)";

    /// <summary>Claims the firing of a rule for a push; true only for the one caller whose insert made the row.</summary>
    public Task<bool> ClaimAsync(string agencyId, string campaignId, int rule, string pushId, double? value, long now, CancellationToken cancellationToken = default) =>
        InsertAsync(agencyId, campaignId, rule, pushId, Firing, value, now, cancellationToken);

    /// <summary>Records that a rule was judged for a push and will never fire for it.</summary>
    public Task PassAsync(string agencyId, string campaignId, int rule, string pushId, double? value, long now, CancellationToken cancellationToken = default) =>
        InsertAsync(agencyId, campaignId, rule, pushId, Passed, value, now, cancellationToken);

    private async Task<bool> InsertAsync(string agencyId, string campaignId, int rule, string pushId, string state, double? value, long now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            """
            INSERT INTO rule_firings (agency_id, campaign_id, rule_index, push_id, state, value, decided_at)
            VALUES (@agencyId, @campaignId, @rule, @pushId, @state, @value, @now)
            ON CONFLICT (agency_id, campaign_id, rule_index, push_id) DO NOTHING
            """, new { agencyId, campaignId, rule, pushId, state, value, now }) == 1;
    }

    /// <summary>
    /// Completes a claimed firing: 'firing' → 'fired' with what it did, and its timeline event, in one transaction.
    /// False (and no event) when it was already complete.
    /// </summary>
    public async Task<bool> CompleteAsync(
        string agencyId, string campaignId, int rule, string pushId, int added, int cancelled, CampaignEventRow timelineEvent, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var completed = await connection.ExecuteAsync(
            $"""
            UPDATE rule_firings SET state = '{Fired}', added = @added, cancelled = @cancelled
            WHERE agency_id = @agencyId AND campaign_id = @campaignId AND rule_index = @rule AND push_id = @pushId AND state = '{Firing}'
            """, new { agencyId, campaignId, rule, pushId, added, cancelled }, transaction);
        if (completed == 1)
        {
            // The same insert as CampaignStore.AppendEventsAsync, inside this transaction.
            await connection.ExecuteAsync(
                "INSERT INTO campaign_events (agency_id, campaign_id, id, at, type, detail) VALUES (@agencyId, @campaignId, @Id, @At, @Type, @Detail)",
                new { agencyId, campaignId, timelineEvent.Id, timelineEvent.At, timelineEvent.Type, timelineEvent.Detail }, transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        return completed == 1;
    }

    /// <summary>Firings claimed but never completed (the silo stopped in between): to be finished.</summary>
    public async Task<IReadOnlyList<RuleFiringRow>> UnfinishedAsync(string agencyId, string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RuleFiringRow>(
            $"""
            SELECT rule_index AS RuleIndex, push_id AS PushId, state AS State, value AS Value, decided_at AS DecidedAt
            FROM rule_firings WHERE agency_id = @agencyId AND campaign_id = @campaignId AND state = '{Firing}'
            ORDER BY decided_at
            """, new { agencyId, campaignId });
        return rows.ToList();
    }

    /// <summary>The (rule, push) pairs already decided among these pushes.</summary>
    public async Task<IReadOnlySet<(int Rule, string PushId)>> DecidedAsync(
        string agencyId, string campaignId, IReadOnlyCollection<string> pushIds, CancellationToken cancellationToken = default)
    {
        var rows = await QueryOneOfAsync<RuleFiringRow>(
            "SELECT rule_index AS RuleIndex, push_id AS PushId FROM rule_firings WHERE agency_id = @agencyId AND campaign_id = @campaignId AND",
            "push_id", pushIds, new { agencyId, campaignId }, cancellationToken);
        return rows.Select(r => (r.RuleIndex, r.PushId)).ToHashSet();
    }

    /// <summary>How many pushes the campaign's completed amplify firings added in all.</summary>
    public async Task<int> AddedAsync(string agencyId, string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(
            $"SELECT COALESCE(SUM(added), 0) FROM rule_firings WHERE agency_id = @agencyId AND campaign_id = @campaignId AND state = '{Fired}'",
            new { agencyId, campaignId });
    }

    /// <summary>
    /// When the next window of this rule closes, in Unix ms: the earliest of the published pushes it has not decided
    /// for whose window is still open at <paramref name="now"/>; null when there is none.
    /// </summary>
    public async Task<long?> NextWindowEndAsync(string agencyId, string campaignId, int rule, long windowMilliseconds, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var first = await connection.ExecuteScalarAsync<long?>(
            $"""
            SELECT MIN(p.published_at) FROM pushes p
            WHERE p.agency_id = @agencyId AND p.campaign_id = @campaignId AND p.status = {PushSql.Word(PushStatus.Published)}
              AND p.published_at > @since AND {NotDecided}
            """, new { agencyId, campaignId, rule, since = now - windowMilliseconds });
        return first + windowMilliseconds;
    }

    /// <summary>Published pushes with feedback whose window of this rule closed by <paramref name="now"/>, and which it has not decided for.</summary>
    public async Task<IReadOnlyList<PushRow>> ClosedUndecidedAsync(
        string agencyId, string campaignId, int rule, long windowMilliseconds, long now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PushRow>(
            $"""
            SELECT {PushSql.Select} FROM pushes p
            WHERE p.agency_id = @agencyId AND p.campaign_id = @campaignId AND p.status = {PushSql.Word(PushStatus.Published)}
              AND p.published_at <= @closedBy AND p.metrics_at IS NOT NULL AND {NotDecided}
            ORDER BY p.published_at LIMIT @limit
            """, new { agencyId, campaignId, rule, closedBy = now - windowMilliseconds, limit });
        return rows.ToList();
    }

    /// <summary>Those of these pushes that are published, with their latest engagement.</summary>
    public Task<List<PushRow>> PublishedAsync(string agencyId, IReadOnlyCollection<string> pushIds, CancellationToken cancellationToken = default) =>
        QueryOneOfAsync<PushRow>(
            $"SELECT {PushSql.Select} FROM pushes WHERE agency_id = @agencyId AND status = {PushSql.Word(PushStatus.Published)} AND",
            "id", pushIds, new { agencyId }, cancellationToken);

    /// <summary>The stored snapshots of these pushes taken at most <paramref name="windowMilliseconds"/> after each was published.</summary>
    public Task<List<PushSnapshotRow>> SnapshotsWithinAsync(
        string agencyId, IReadOnlyCollection<string> pushIds, long windowMilliseconds, CancellationToken cancellationToken = default) =>
        QueryOneOfAsync<PushSnapshotRow>(
            """
            SELECT m.push_id AS PushId, m.at AS At, m.views AS Views, m.likes AS Likes, m.comments AS Comments, m.shares AS Shares,
                   m.clicks AS Clicks, m.orders AS Orders, m.gmv AS Gmv
            FROM push_metrics m JOIN pushes p ON p.agency_id = m.agency_id AND p.id = m.push_id
            WHERE m.agency_id = @agencyId AND p.published_at IS NOT NULL AND m.at <= p.published_at + @windowMilliseconds AND
            """, "m.push_id", pushIds, new { agencyId, windowMilliseconds }, cancellationToken);

    /// <summary>Every push of a campaign as (push id, account id).</summary>
    public async Task<IReadOnlyList<(string PushId, string AccountId)>> CampaignAccountsAsync(string agencyId, string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string, string)>(
            "SELECT id, account_id FROM pushes WHERE agency_id = @agencyId AND campaign_id = @campaignId", new { agencyId, campaignId });
        return rows.ToList();
    }

    /// <summary><c>{select} {column} IN (values)</c> a chunk of values at a time, with further named parameters.</summary>
    private async Task<List<T>> QueryOneOfAsync<T>(string select, string column, IReadOnlyCollection<string> values, object parameters, CancellationToken cancellationToken)
    {
        var found = new List<T>();
        var sql = $"{select} {SqlLists.OneOf(connections.Provider, column, "chunk")}";
        await using var connection = await connections.OpenAsync(cancellationToken);
        foreach (var chunk in values.Distinct(StringComparer.Ordinal).Chunk(BatchInsert.ListChunk(connections.Provider)))
        {
            var args = new DynamicParameters(parameters);
            args.Add("chunk", chunk);
            found.AddRange(await connection.QueryAsync<T>(sql, args));
        }
        return found;
    }
}
