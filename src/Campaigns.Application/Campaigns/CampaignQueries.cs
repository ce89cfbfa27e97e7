using System.Text.Json;
using Campaigns.Application.Common;
using Campaigns.Application.Schedules;
using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Feedback;
using Campaigns.Storage.Pushes;
using FluentValidation;
using Mediator;

namespace Campaigns.Application.Campaigns;

/// <summary>One campaign with its progress (<c>GET /v1/campaigns/{id}</c>).</summary>
public sealed record GetCampaign(string AgencyId, string CampaignId) : IQuery<Outcome<CampaignView>>;

public sealed class GetCampaignHandler(IGrainFactory grains, PushQueries pushes) : IQueryHandler<GetCampaign, Outcome<CampaignView>>
{
    public async ValueTask<Outcome<CampaignView>> Handle(GetCampaign query, CancellationToken cancellationToken) =>
        CampaignLookup.Grain(grains, query.AgencyId, query.CampaignId) is { } grain && await grain.Get() is { } campaign
            ? await CampaignViews.WithProgressAsync(Outcome<CampaignSnapshot>.Ok(campaign), query.AgencyId, pushes, cancellationToken)
            : EntityLookup.NotFound<CampaignView>("Campaign", query.CampaignId);
}

/// <summary>The agency's campaigns, by brand and status, in creation order (<c>GET /v1/campaigns</c>).</summary>
public sealed record ListCampaigns(string AgencyId, string? Brand, string? Status, int? Limit, string? Cursor) : IQuery<Page<CampaignView>>;

public sealed class ListCampaignsValidator : AbstractValidator<ListCampaigns>
{
    public ListCampaignsValidator()
    {
        RuleFor(q => q.Status).OneOf<ListCampaigns, CampaignStatus>();
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).Cursor();
    }
}

public sealed class ListCampaignsHandler(CampaignStore campaigns) : IQueryHandler<ListCampaigns, Page<CampaignView>>
{
    public async ValueTask<Page<CampaignView>> Handle(ListCampaigns query, CancellationToken cancellationToken)
    {
        PageCursor.TryDecode(query.Cursor, out var after);
        var (documents, hasMore) = await campaigns.ListAsync(query.AgencyId, query.Brand?.Trim(), query.Status, after,
            query.Limit ?? PageCursor.DefaultLimit, cancellationToken);
        var items = documents.Select(d => CampaignView.From(Documents.Deserialize<CampaignSnapshot>(d), null)).ToList();
        return new Page<CampaignView>(items, hasMore ? PageCursor.Encode(items[^1].Id) : null);
    }
}

/// <summary>Engagement of a push (zero until feedback arrives).</summary>
public sealed record MetricsView(long Views, long Likes, long Comments, long Shares, long Clicks, long Orders, decimal Gmv);

/// <summary>A push as the API shows it.</summary>
public sealed record PushView(
    string Id,
    string CampaignId,
    string AccountId,
    string VideoId,
    string Platform,
    int Wave,
    string? Caption,
    IReadOnlyList<string> Hashtags,
    DateTimeOffset ScheduledAt,
    string Status,
    int Attempts,
    string? LastError,
    string? PlatformPostId,
    DateTimeOffset? FiredAt,
    DateTimeOffset? PublishedAt,
    MetricsView Metrics)
{
    /// <summary>True while the push waits for its tie-in wave's gate: its scheduledAt is then only the earliest it could be.</summary>
    public bool Gated { get; init; }

    public static PushView From(PushRow r) => new(
        r.Id, r.CampaignId, r.AccountId, r.VideoId, r.Platform, r.Wave, r.Caption,
        JsonSerializer.Deserialize<List<string>>(r.Hashtags) ?? [], DateTimeOffset.FromUnixTimeMilliseconds(r.ScheduledAt),
        r.Status, r.Attempts, r.LastError, r.PlatformPostId,
        r.FiredAt is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null,
        r.PublishedAt is { } p ? DateTimeOffset.FromUnixTimeMilliseconds(p) : null,
        new MetricsView(r.Views, r.Likes, r.Comments, r.Shares, r.Clicks, r.Orders, r.Gmv / EngagementCountersRow.GmvScale)) { Gated = r.Gated == 1 };
}

/// <summary>Who made a list of pushes: a campaign, or a recurring schedule.</summary>
public enum PushOwnerKind
{
    Campaign,
    Schedule,
}

/// <summary>
/// A campaign's or a schedule's pushes, optionally in one status (<c>GET /v1/campaigns/{id}/pushes</c>,
/// <c>GET /v1/schedules/{id}/pushes</c>).
/// </summary>
public sealed record ListPushes(string AgencyId, PushOwnerKind Owner, string OwnerId, string? Status, int? Limit, string? Cursor)
    : IQuery<Outcome<Page<PushView>>>;

public sealed class ListPushesValidator : AbstractValidator<ListPushes>
{
    public ListPushesValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || WireName<PushStatus>.TryParse(s, out _)).WithMessage($"Must be one of: {string.Join(", ", WireName<PushStatus>.All)}.");
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).Cursor();
    }
}

public sealed class ListPushesHandler(IGrainFactory grains, PushQueries pushes) : IQueryHandler<ListPushes, Outcome<Page<PushView>>>
{
    public async ValueTask<Outcome<Page<PushView>>> Handle(ListPushes query, CancellationToken cancellationToken)
    {
        var exists = query.Owner == PushOwnerKind.Campaign
            ? CampaignLookup.Grain(grains, query.AgencyId, query.OwnerId) is { } campaign && await campaign.Get() is not null
            : ScheduleLookup.Grain(grains, query.AgencyId, query.OwnerId) is { } schedule && await schedule.Get() is { Active: true };
        if (!exists)
        {
            return EntityLookup.NotFound<Page<PushView>>(query.Owner.ToString(), query.OwnerId);
        }
        PageCursor.TryDecode(query.Cursor, out var after);
        var (rows, hasMore) = await pushes.ListAsync(query.AgencyId, query.OwnerId, query.Status is { } s ? WireName<PushStatus>.Parse(s) : null, after,
            query.Limit ?? PageCursor.DefaultLimit, cancellationToken);
        var items = rows.Select(PushView.From).ToList();
        return Outcome<Page<PushView>>.Ok(new Page<PushView>(items, hasMore ? PageCursor.Encode(items[^1].Id) : null));
    }
}

/// <summary>One push (<c>GET /v1/pushes/{id}</c>).</summary>
public sealed record GetPush(string AgencyId, string PushId) : IQuery<Outcome<PushView>>;

public sealed class GetPushHandler(PushQueries pushes) : IQueryHandler<GetPush, Outcome<PushView>>
{
    public async ValueTask<Outcome<PushView>> Handle(GetPush query, CancellationToken cancellationToken) =>
        await pushes.GetAsync(query.AgencyId, query.PushId, cancellationToken) is { } row
            ? Outcome<PushView>.Ok(PushView.From(row))
            : EntityLookup.NotFound<PushView>("Push", query.PushId);
}

/// <summary>An entry of a timeline.</summary>
public sealed record TimelineEventView(DateTimeOffset At, string Type, string Detail);

/// <summary>What happened to a campaign and why.</summary>
public sealed record TimelineView(IReadOnlyList<TimelineEventView> Events);

/// <summary>A campaign's timeline, oldest first (<c>GET /v1/campaigns/{id}/timeline</c>).</summary>
public sealed record GetTimeline(string AgencyId, string CampaignId) : IQuery<Outcome<TimelineView>>;

public sealed class GetTimelineHandler(IGrainFactory grains, CampaignStore campaigns) : IQueryHandler<GetTimeline, Outcome<TimelineView>>
{
    public const int MaxEvents = 1000;

    public async ValueTask<Outcome<TimelineView>> Handle(GetTimeline query, CancellationToken cancellationToken)
    {
        if (CampaignLookup.Grain(grains, query.AgencyId, query.CampaignId) is not { } grain || await grain.Get() is null)
        {
            return EntityLookup.NotFound<TimelineView>("Campaign", query.CampaignId);
        }
        var events = await campaigns.EventsAsync(query.AgencyId, query.CampaignId, MaxEvents, cancellationToken);
        return Outcome<TimelineView>.Ok(new TimelineView(events
            .Select(e => new TimelineEventView(DateTimeOffset.FromUnixTimeMilliseconds(e.At), e.Type, e.Detail)).ToList()));
    }
}
