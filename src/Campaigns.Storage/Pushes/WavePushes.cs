using Campaigns.Domain.Pushes;
using Dapper;

namespace Campaigns.Storage.Pushes;

/// <summary>How many pushes a tie-in wave has, and when its first one is scheduled (Unix ms).</summary>
public sealed record WaveSummary(int Wave, int Pushes, long FirstAt);

/// <summary>The engagement of a wave's published pushes: the sums of their latest snapshots.</summary>
public sealed record WaveTotals(int Published, long Views, long Likes, long Comments, long Shares);

/// <summary>What releasing a wave did: the rows it ungated now, its release instant as stored, and the instants now due.</summary>
public sealed record WaveRelease(int Released, long? ReleasedAt, IReadOnlyList<long> DueInstants);

/// <summary>The tie-in's gated waves: summaries, gate totals, and the conditional release and stop of gated pushes.</summary>
public sealed class WavePushes(DbConnectionFactory connections)
{
    /// <summary>Per wave of a campaign: its pushes and its first scheduled instant.</summary>
    public async Task<IReadOnlyList<WaveSummary>> WaveSummariesAsync(string agencyId, string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Wave, long Pushes, long FirstAt)>(
            "SELECT CAST(wave AS BIGINT), COUNT(*), MIN(scheduled_at) FROM pushes WHERE agency_id = @agencyId AND campaign_id = @campaignId GROUP BY wave ORDER BY wave",
            new { agencyId, campaignId });
        return rows.Select(r => new WaveSummary((int)r.Wave, (int)r.Pushes, r.FirstAt)).ToList();
    }

    /// <summary>The sums of the latest snapshots of a wave's published pushes.</summary>
    public async Task<WaveTotals> WaveTotalsAsync(string agencyId, string campaignId, int wave, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(long Published, long Views, long Likes, long Comments, long Shares)>(
            $"""
            SELECT COUNT(*), CAST(COALESCE(SUM(views), 0) AS BIGINT), CAST(COALESCE(SUM(likes), 0) AS BIGINT),
                CAST(COALESCE(SUM(comments), 0) AS BIGINT), CAST(COALESCE(SUM(shares), 0) AS BIGINT)
            FROM pushes WHERE agency_id = @agencyId AND campaign_id = @campaignId AND wave = @wave AND status = {PushSql.Word(PushStatus.Published)}
            """, new { agencyId, campaignId, wave });
        return new WaveTotals((int)row.Published, row.Views, row.Likes, row.Comments, row.Shares);
    }

    /// <summary>
    /// Releases a wave at <paramref name="releaseAt"/>: each of its gated, scheduled pushes becomes due at
    /// releaseAt + its offset, ungated (and held when <paramref name="held"/>). Conditional on <c>gated = 1</c>, so a
    /// second release changes nothing; either way it answers with the wave's release instant as stored and the
    /// instants at which its unheld pushes are due, for their triggers.
    /// </summary>
    public async Task<WaveRelease> ReleaseWaveAsync(
        string agencyId, string campaignId, int wave, long releaseAt, bool held, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var args = new { agencyId, campaignId, wave, releaseAt, held = held ? 1 : 0, now };
        var released = await connection.ExecuteAsync(
            $"""
            UPDATE pushes SET {PushSql.Set(PushTransition.OpenGate)}, gated = 0, held = @held, scheduled_at = @releaseAt + wave_offset, due_at = @releaseAt + wave_offset, updated_at = @now
            WHERE agency_id = @agencyId AND campaign_id = @campaignId AND wave = @wave AND gated = 1 AND {PushSql.Guard(PushTransition.OpenGate)}
            """, args, transaction);
        var at = await connection.ExecuteScalarAsync<long?>(
            "SELECT MIN(scheduled_at - wave_offset) FROM pushes WHERE agency_id = @agencyId AND campaign_id = @campaignId AND wave = @wave AND gated = 0",
            args, transaction);
        var due = await connection.QueryAsync<long>(
            $"""
            SELECT DISTINCT due_at FROM pushes
            WHERE agency_id = @agencyId AND campaign_id = @campaignId AND wave = @wave AND gated = 0 AND held = 0 AND status = {PushSql.Word(PushStatus.Scheduled)}
            """, args, transaction);
        await transaction.CommitAsync(cancellationToken);
        return new WaveRelease(released, at, due.ToList());
    }

    /// <summary>Cancels every gated push of a campaign (a tie-in stopped at a gate), with the reason; returns how many.</summary>
    public async Task<int> CancelGatedAsync(string agencyId, string campaignId, string reason, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            $"""
            UPDATE pushes SET {PushSql.Set(PushTransition.Cancel)}, last_error = @reason, updated_at = @now
            WHERE agency_id = @agencyId AND campaign_id = @campaignId AND gated = 1 AND {PushSql.Guard(PushTransition.Cancel)}
            """, new { agencyId, campaignId, reason, now });
    }
}
