using System.Collections.Frozen;
using Campaigns.Domain.Pushes;
using Campaigns.Storage.Reports;
using Dapper;

namespace Campaigns.Storage.Pushes;

/// <summary>
/// What firings record: their outcomes (group-committed by <see cref="PushOutcomeBatcher"/>), a claimed push put back
/// held, and one held push let go. Each is a transition of the state machine, guarded as it says.
/// </summary>
public sealed class PushOutcomes(DbConnectionFactory connections, IAccountFiguresChanged? figures = null)
{
    /// <summary>The transitions <see cref="RecordAsync"/> applies: the ends of a firing.</summary>
    public static readonly IReadOnlySet<PushTransition> Outcomes = new HashSet<PushTransition>
    {
        PushTransition.Publish, PushTransition.Retry, PushTransition.Fail, PushTransition.Skip,
        PushTransition.Withdraw, PushTransition.MarkUnconfirmed,
    };

    /// <summary>
    /// Records what several firings did, in one transaction (one durable commit for all of them); answers, per update,
    /// whether it applied. An update the state machine refuses changes nothing: a second "published" keeps the first
    /// post, and a firing that lost its lease cannot overwrite what the push's new holder does.
    /// </summary>
    public async Task<IReadOnlyList<bool>> RecordAsync(IReadOnlyList<PushOutcomeUpdate> updates, CancellationToken cancellationToken = default)
    {
        if (updates.FirstOrDefault(u => !Outcomes.Contains(u.Transition)) is { } other)
        {
            throw new ArgumentException($"{other.Transition} is not the outcome of a firing.", nameof(updates));
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var applied = new bool[updates.Count];
        // In key order, as every other statement that locks several pushes and waits for them (MetricsStore's): two
        // transactions that lock rows in the same order cannot deadlock.
        foreach (var i in Enumerable.Range(0, updates.Count).OrderBy(i => updates[i].AgencyId, StringComparer.Ordinal).ThenBy(i => updates[i].Id, StringComparer.Ordinal))
        {
            applied[i] = await connection.ExecuteAsync(RecordSql(updates[i].Transition), updates[i], transaction) == 1;
        }
        await transaction.CommitAsync(cancellationToken);
        // A push that became published counts on its account's page; the other outcomes change nothing shown there.
        await figures.AfterCommitAsync(updates.Where((u, i) => applied[i] && u.Transition == PushTransition.Publish).Select(u => u.AgencyId));
        return applied;
    }

    private static readonly FrozenDictionary<PushTransition, string> RecordStatements =
        Outcomes.ToDictionary(t => t, Statement).ToFrozenDictionary();

    private static string RecordSql(PushTransition transition) => RecordStatements[transition];

    private static string Statement(PushTransition transition) =>
        $"""
        UPDATE pushes SET {PushSql.Set(transition)}, attempts = @Attempts, due_at = @DueAt, last_error = @LastError,
            platform_post_id = @PlatformPostId, fired_at = COALESCE(@FiredAt, fired_at),
            published_at = @PublishedAt, updated_at = @UpdatedAt
        WHERE agency_id = @AgencyId AND id = @Id AND {PushSql.Guard(transition)}
        """;

    /// <summary>
    /// Puts a claimed push back, held, because its owner said "hold" when it asked to fire; true when it was still
    /// <paramref name="holder"/>'s.
    /// </summary>
    public async Task<bool> HoldClaimedAsync(string agencyId, string id, string holder, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            $"UPDATE pushes SET {PushSql.Set(PushTransition.HoldClaimed)}, updated_at = @now WHERE agency_id = @agencyId AND id = @id AND {PushSql.Guard(PushTransition.HoldClaimed)}",
            new { agencyId, id, Holder = holder, now }) == 1;
    }

    /// <summary>Lets one held push go, so the next claim takes it (its owner stopped holding while it was being held).</summary>
    public async Task ReleaseHoldAsync(string agencyId, string id, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            $"UPDATE pushes SET {PushSql.Set(PushTransition.Release)}, updated_at = @now WHERE agency_id = @agencyId AND id = @id AND {PushSql.Guard(PushTransition.Release)}",
            new { agencyId, id, now });
    }
}
