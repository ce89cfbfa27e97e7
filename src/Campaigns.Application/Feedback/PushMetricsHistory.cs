using System.Globalization;
using Campaigns.Application.Common;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Feedback;
using Campaigns.Storage.Pushes;
using FluentValidation;
using Mediator;

namespace Campaigns.Application.Feedback;

/// <summary>One snapshot of a push's history.</summary>
public sealed record MetricsSnapshotView(DateTimeOffset At, long Views, long Likes, long Comments, long Shares, long Clicks, long Orders, decimal Gmv);

/// <summary>
/// A push's engagement history, oldest first (<c>GET /v1/pushes/{id}/metrics</c>): every snapshot kept, including
/// those that arrived late and did not become the latest.
/// </summary>
public sealed record GetPushMetricsHistory(string AgencyId, string PushId, int? Limit, string? Cursor) : IQuery<Outcome<Page<MetricsSnapshotView>>>;

public sealed class GetPushMetricsHistoryValidator : AbstractValidator<GetPushMetricsHistory>
{
    public GetPushMetricsHistoryValidator()
    {
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).Cursor()
            .Must(c => !PageCursor.TryDecode(c, out var at) || at is null || long.TryParse(at, CultureInfo.InvariantCulture, out _))
            .WithMessage("Must be a cursor returned by this list.");
    }
}

public sealed class GetPushMetricsHistoryHandler(PushQueries pushes, MetricsStore metrics) : IQueryHandler<GetPushMetricsHistory, Outcome<Page<MetricsSnapshotView>>>
{
    public async ValueTask<Outcome<Page<MetricsSnapshotView>>> Handle(GetPushMetricsHistory query, CancellationToken cancellationToken)
    {
        if (!Ids.HasShape(query.PushId, "psh") || await pushes.GetAsync(query.AgencyId, query.PushId, cancellationToken) is null)
        {
            return EntityLookup.NotFound<Page<MetricsSnapshotView>>("Push", query.PushId);
        }
        PageCursor.TryDecode(query.Cursor, out var after);
        var limit = query.Limit ?? PageCursor.DefaultLimit;
        var rows = await metrics.HistoryAsync(query.AgencyId, query.PushId,
            after is null ? long.MinValue : long.Parse(after, CultureInfo.InvariantCulture), limit + 1, cancellationToken);
        var items = rows.Take(limit).Select(r => new MetricsSnapshotView(
            DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Views, r.Likes, r.Comments, r.Shares, r.Clicks, r.Orders, r.Gmv / EngagementCountersRow.GmvScale)).ToList();
        var next = rows.Count > limit ? PageCursor.Encode(rows[limit - 1].At.ToString(CultureInfo.InvariantCulture)) : null;
        return Outcome<Page<MetricsSnapshotView>>.Ok(new Page<MetricsSnapshotView>(items, next));
    }
}
