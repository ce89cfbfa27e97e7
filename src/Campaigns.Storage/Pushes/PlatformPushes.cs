using Campaigns.Domain.Pushes;
using Campaigns.Storage.Reports;
using Dapper;

namespace Campaigns.Storage.Pushes;

/// <summary>
/// What publishing to a real platform keeps on a push beyond its status: the correlation handle of the publish in
/// flight, written before the step that can create the post, and the flag of a push waiting for its account's
/// credential.
/// </summary>
public sealed class PlatformPushes(DbConnectionFactory connections, IAccountFiguresChanged? figures = null)
{
    /// <summary>The stored handle (JSON) of a push, or null when no platform has handed one out.</summary>
    public async Task<string?> HandleAsync(string agencyId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(
            "SELECT publish_handle FROM pushes WHERE agency_id = @agencyId AND id = @id", new { agencyId, id });
    }

    /// <summary>
    /// Stores a push's handle (null clears it) while <paramref name="holder"/> still holds its lease; false when it does
    /// not (recovered meanwhile), and then the caller must not take the next step: the push is someone else's.
    /// </summary>
    public async Task<bool> SaveHandleAsync(string agencyId, string id, string holder, string? handle, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            $"UPDATE pushes SET publish_handle = @handle WHERE agency_id = @agencyId AND id = @id AND {PushSql.Guard(PushTransition.RenewLease)}",
            new { agencyId, id, Holder = holder, handle }) == 1;
    }

    /// <summary>
    /// Puts a claimed push back to wait for its account's credential, with why in last_error; true when it was still
    /// <paramref name="holder"/>'s.
    /// </summary>
    public async Task<bool> AwaitCredentialAsync(string agencyId, string id, string holder, string why, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            $"""
            UPDATE pushes SET {PushSql.Set(PushTransition.AwaitCredential)}, awaiting_credential = 1, last_error = @why, updated_at = @now
            WHERE agency_id = @agencyId AND id = @id AND {PushSql.Guard(PushTransition.AwaitCredential)}
            """,
            new { agencyId, id, Holder = holder, why, now }) == 1;
    }

    /// <summary>
    /// Lets every push of an account that waits for its credential go (the account was connected): the sweep claims
    /// those due, and skips the stale ones as it does any late push. Returns how many were let go.
    /// </summary>
    public async Task<int> ReleaseAwaitingAsync(string agencyId, string accountId, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            $"""
            UPDATE pushes SET awaiting_credential = 0, updated_at = @now
            WHERE agency_id = @agencyId AND account_id = @accountId AND awaiting_credential = 1 AND status = {PushSql.Word(PushStatus.Scheduled)}
            """,
            new { agencyId, accountId, now });
    }

    /// <summary>
    /// A person says an unconfirmed push was published, as <paramref name="platformPostId"/>: it becomes published.
    /// False when it is not unconfirmed (any more).
    /// </summary>
    public async Task<bool> ResolvePublishedAsync(string agencyId, string id, string platformPostId, string note, long now, CancellationToken cancellationToken = default)
    {
        bool published;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            published = await connection.ExecuteAsync(
                $"""
                UPDATE pushes SET {PushSql.Set(PushTransition.Publish)}, platform_post_id = @platformPostId, published_at = @now,
                    last_error = @note, updated_at = @now
                WHERE agency_id = @agencyId AND id = @id AND status = {PushSql.Word(PushStatus.Unconfirmed)}
                """,
                new { agencyId, id, platformPostId, note, now }) == 1;
        }
        await figures.AfterCommitAsync(published ? [agencyId] : []);
        return published;
    }

    /// <summary>
    /// A person says an unconfirmed push was not published: it is due again now, its handle forgotten (nothing exists to
    /// resume from) — or, with <paramref name="stale"/>, skipped. False when it is not unconfirmed (any more).
    /// </summary>
    public async Task<bool> ResolveNotPublishedAsync(string agencyId, string id, bool stale, string note, long now, CancellationToken cancellationToken = default)
    {
        var transition = stale ? PushTransition.ResolveStale : PushTransition.ResolveRequeue;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            $"""
            UPDATE pushes SET {PushSql.Set(transition)}, publish_handle = NULL, last_error = @note, updated_at = @now
                {(stale ? "" : ", due_at = @now")}
            WHERE agency_id = @agencyId AND id = @id AND {PushSql.Guard(transition)}
            """,
            new { agencyId, id, note, now }) == 1;
    }
}
