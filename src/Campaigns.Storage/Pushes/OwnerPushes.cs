using System.Data.Common;
using Campaigns.Domain.Pushes;
using Campaigns.Storage.Reports;
using Dapper;

namespace Campaigns.Storage.Pushes;

/// <summary>
/// What a push's owner (a campaign, a schedule, an exchange, a brand freeze) does to its pushes in bulk: writes them
/// at launch, holds and releases them, cancels those that have not fired. Each change is one conditional UPDATE
/// guarded by the state machine, so a claim and a cancel racing for one push cannot both win it.
/// </summary>
public sealed class OwnerPushes(DbConnectionFactory connections, IAccountFiguresChanged? figures = null)
{
    /// <summary>A launch at least this big refreshes the planner's statistics on <c>pushes</c> (PostgreSQL).</summary>
    internal const int AnalyzeAfterRows = 1_000;

    /// <summary>Stores a launch's pushes in one transaction: all of them, or none; rows already there are kept.</summary>
    public async Task InsertAsync(IReadOnlyList<PushRow> rows, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await InsertAsync(connection, transaction, rows, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        // New pushes count on their accounts' pages.
        await figures.AfterCommitAsync(rows.Select(r => r.AgencyId));
        await AnalyzeAfterBulkAsync(connection, rows.Count, cancellationToken);
    }

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
        BatchInsert.ExecuteAsync(connection, transaction, "pushes", PushSql.InsertColumns.Split(", "),
            rows.Select(r => new object?[]
            {
                r.AgencyId, r.Id, r.CampaignId, r.AccountId, r.VideoId, r.Platform, r.Brand, r.Wave, r.Caption, r.Hashtags,
                r.ScheduledAt, r.DueAt, r.Status, r.Held, r.Attempts, r.LastError, r.PlatformPostId, r.FiredAt, r.PublishedAt, r.UpdatedAt, r.Gated, r.WaveOffset,
                r.LeaseHolder, r.LeaseExpiresAt,
            }).ToList(),
            " ON CONFLICT (agency_id, id) DO NOTHING", cancellationToken);

    /// <summary>
    /// Holds (pause) or releases (resume, or a launch releasing what its draft held) every scheduled, ungated push of
    /// an owner; returns how many changed. Rows already so are not written, so a launch's release touches none.
    /// </summary>
    public async Task<int> SetHeldAsync(string agencyId, string ownerId, bool held, long now, CancellationToken cancellationToken = default)
    {
        var transition = held ? PushTransition.Hold : PushTransition.Release;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            $"UPDATE pushes SET {PushSql.Set(transition)}, updated_at = @now WHERE agency_id = @agencyId AND campaign_id = @ownerId AND {PushSql.Guard(transition)} AND gated = 0 AND held = {(held ? 0 : 1)}",
            new { agencyId, ownerId, now });
    }

    /// <summary>Cancels every push of an owner that has not fired; returns how many.</summary>
    public async Task<int> CancelScheduledAsync(string agencyId, string ownerId, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            $"UPDATE pushes SET {PushSql.Set(PushTransition.Cancel)}, updated_at = @now WHERE agency_id = @agencyId AND campaign_id = @ownerId AND {PushSql.Guard(PushTransition.Cancel)}",
            new { agencyId, ownerId, now });
    }

    /// <summary>
    /// Cancels one account's pushes in a campaign that have not fired (a stopAccount rule), noting why; returns how
    /// many. A push already claimed for publishing is not <c>scheduled</c> and is left alone.
    /// </summary>
    public async Task<int> CancelAccountScheduledAsync(string agencyId, string campaignId, string accountId, string reason, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            $"UPDATE pushes SET {PushSql.Set(PushTransition.Cancel)}, last_error = @reason, updated_at = @now WHERE agency_id = @agencyId AND campaign_id = @campaignId AND account_id = @accountId AND {PushSql.Guard(PushTransition.Cancel)}",
            new { agencyId, campaignId, accountId, reason, now });
    }

    /// <summary>
    /// Holds, within the caller's transaction if any, the scheduled pushes of a brand whose owner id is selected by
    /// <paramref name="ownerCondition"/> (a brand freeze); returns how many it held.
    /// </summary>
    internal static Task<int> HoldBrandAsync(DbConnection connection, DbTransaction? transaction, string ownerCondition, object args) =>
        connection.ExecuteAsync(
            $"UPDATE pushes SET {PushSql.Set(PushTransition.Hold)}, updated_at = @now WHERE {BrandPushes(PushTransition.Hold, ownerCondition)} AND held = 0",
            args, transaction);

    /// <summary>Releases, within the caller's transaction if any, a brand's held pushes of those owners; returns when each is due.</summary>
    internal static async Task<IReadOnlyList<long>> ReleaseBrandAsync(DbConnection connection, DbTransaction? transaction, string ownerCondition, object args) =>
        (await connection.QueryAsync<long>(
            $"UPDATE pushes SET {PushSql.Set(PushTransition.Release)}, updated_at = @now WHERE {BrandPushes(PushTransition.Release, ownerCondition)} AND held = 1 RETURNING due_at",
            args, transaction)).ToList();

    private static string BrandPushes(PushTransition transition, string ownerCondition) =>
        $"agency_id = @agencyId AND brand = @brand AND {PushSql.Guard(transition)} AND gated = 0 AND {ownerCondition}";
}
