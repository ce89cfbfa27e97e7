
using Campaigns.Application.Common;
using Campaigns.Domain.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Storage.Accounts;
using FluentValidation;
using Mediator;
namespace Campaigns.Application.Accounts;

/// <summary>
/// An account's follower history over [from, to] (<c>GET /v1/accounts/{id}/followers</c>); the window defaults to
/// the last 30 days. At most <see cref="MaxLimit"/> points come back; <c>growth</c> always covers the whole window.
/// </summary>
public sealed record GetFollowerHistory(string AgencyId, string AccountId, string? From, string? To, int? Limit)
    : IQuery<Outcome<FollowerHistoryView>>
{
    public const int MaxLimit = 5_000;
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(30);
}

/// <summary>One snapshot as the API shows it.</summary>
public sealed record FollowerPointView(DateTimeOffset At, long Count);

/// <summary>
/// The history of a window. When it holds more points than the limit, <c>truncated</c> is true and
/// <c>nextFrom</c> is the instant to ask from for the rest.
/// </summary>
public sealed record FollowerHistoryView(
    DateTimeOffset From, DateTimeOffset To, IReadOnlyList<FollowerPointView> Points, FollowerGrowth Growth, bool Truncated, DateTimeOffset? NextFrom);

public sealed class GetFollowerHistoryValidator : AbstractValidator<GetFollowerHistory>
{
    public GetFollowerHistoryValidator()
    {
        RuleFor(q => q.From).Instant();
        RuleFor(q => q.To).Instant();
        RuleFor(q => q.From)
            .Must((q, from) => !Instants.TryParse(from, out var f) || !Instants.TryParse(q.To, out var t) || f <= t)
            .WithMessage("Must not be after 'to'.");
        RuleFor(q => q.Limit).InclusiveBetween(1, GetFollowerHistory.MaxLimit);
    }
}

public sealed class GetFollowerHistoryHandler(IGrainFactory grains, FollowerStore history, TimeProvider clock)
    : IQueryHandler<GetFollowerHistory, Outcome<FollowerHistoryView>>
{
    public async ValueTask<Outcome<FollowerHistoryView>> Handle(GetFollowerHistory query, CancellationToken cancellationToken)
    {
        var grain = AccountLookup.Grain(grains, query.AgencyId, query.AccountId);
        if (grain is null || await grain.Get() is null)
        {
            return AccountLookup.NotFound<FollowerHistoryView>(query.AccountId);
        }

        var to = Instants.TryParse(query.To, out var t) ? t : clock.GetUtcNow();
        var from = Instants.TryParse(query.From, out var f) ? f : to - GetFollowerHistory.DefaultWindow;
        var (fromMs, toMs) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        var limit = query.Limit ?? GetFollowerHistory.MaxLimit;

        var rows = await history.RangeAsync(query.AgencyId, query.AccountId, fromMs, toMs, limit + 1, cancellationToken);
        var truncated = rows.Count > limit;
        var points = rows.Take(limit).Select(r => new FollowerPointView(Instant(r.AtMs), r.Count)).ToList();
        var (first, last) = truncated
            ? await history.EdgesAsync(query.AgencyId, query.AccountId, fromMs, toMs, cancellationToken)
            : (rows.FirstOrDefault(), rows.LastOrDefault());
        var growth = FollowerGrowth.Between(Point(first), Point(last));
        return Outcome<FollowerHistoryView>.Ok(new FollowerHistoryView(
            from, to, points, growth, truncated, truncated ? Instant(rows[limit].AtMs) : null));
    }

    private static DateTimeOffset Instant(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static FollowerPoint? Point(FollowerPointRow? row) => row is null ? null : new FollowerPoint(Instant(row.AtMs), row.Count);
}
