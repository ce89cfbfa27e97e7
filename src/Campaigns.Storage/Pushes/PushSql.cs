using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;

namespace Campaigns.Storage.Pushes;

/// <summary>
/// The SQL every push statement shares: its columns, the words its statuses are stored as, and — the one place a
/// status is written — the guard and the assignment of each transition, derived from <see cref="PushTransitions"/>.
/// A status-changing statement is <c>UPDATE pushes SET {Set(t)}, … WHERE … AND {Guard(t)}</c>: what the state machine
/// refuses matches no row.
/// </summary>
internal static class PushSql
{
    /// <summary>The columns an insert writes, in order.</summary>
    public const string InsertColumns =
        "agency_id, id, campaign_id, account_id, video_id, platform, brand, wave, caption, hashtags, scheduled_at, due_at, status, held, attempts, last_error, platform_post_id, fired_at, published_at, updated_at, gated, wave_offset, lease_holder, lease_expires_at";

    /// <summary>Every column, aliased to <see cref="PushRow"/>'s properties.</summary>
    public const string Select =
        """
        agency_id AS AgencyId, id AS Id, campaign_id AS CampaignId, account_id AS AccountId, video_id AS VideoId,
        platform AS Platform, brand AS Brand, wave AS Wave, caption AS Caption, hashtags AS Hashtags,
        scheduled_at AS ScheduledAt, due_at AS DueAt, status AS Status, held AS Held, attempts AS Attempts,
        last_error AS LastError, platform_post_id AS PlatformPostId, fired_at AS FiredAt, published_at AS PublishedAt,
        updated_at AS UpdatedAt, metrics_at AS MetricsAt, views AS Views, likes AS Likes, comments AS Comments,
        shares AS Shares, clicks AS Clicks, orders AS Orders, gmv AS Gmv, gated AS Gated, wave_offset AS WaveOffset,
        lease_holder AS LeaseHolder, lease_expires_at AS LeaseExpiresAt
        """;

    /// <summary>A status as a SQL literal: <c>'published'</c>.</summary>
    public static string Word(PushStatus status) => $"'{WireName<PushStatus>.Of(status)}'";

    /// <summary>A list of statuses as a SQL list: <c>('failed', 'skipped')</c>.</summary>
    public static string Words(IEnumerable<PushStatus> statuses) => $"({string.Join(", ", statuses.Order().Select(Word))})";

    /// <summary>
    /// The condition under which <paramref name="transition"/> may apply to a row: its status is one the transition
    /// may start from, and, for a firing's outcomes, the lease is the caller's (<c>@Holder</c>).
    /// </summary>
    public static string Guard(PushTransition transition, string alias = "")
    {
        var rule = PushTransitions.Of(transition);
        var status = rule.From.Count == 1 ? $"{alias}status = {Word(rule.From.Single())}" : $"{alias}status IN {Words(rule.From)}";
        return rule.ByLeaseHolder ? $"{status} AND {alias}lease_holder = @Holder" : status;
    }

    /// <summary>
    /// The assignments of <paramref name="transition"/>: its end status, its held flag when it sets one, and the lease
    /// cleared when the push leaves publishing (a claim writes its own lease).
    /// </summary>
    public static string Set(PushTransition transition)
    {
        var rule = PushTransitions.Of(transition);
        var set = $"status = {Word(rule.To)}";
        if (rule.Held is { } held)
        {
            set += $", held = {(held ? 1 : 0)}";
        }
        return rule.To == PushStatus.Publishing ? set : set + ", lease_holder = NULL, lease_expires_at = NULL";
    }
}
