
using Campaigns.Application.Affinity;
using Campaigns.Application.Common;
using Campaigns.Application.Reports;
using Campaigns.Domain.Affinity;
using Campaigns.Domain.Common;
using Campaigns.Domain.Videos;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Videos;
using Campaigns.Storage.Products;
using Campaigns.Storage.Videos;
using FluentValidation;
using Mediator;
namespace Campaigns.Application.Videos;

/// <summary>One video (<c>GET /v1/videos/{id}</c>).</summary>
public sealed record GetVideo(string AgencyId, string VideoId) : IQuery<Outcome<VideoView>>;

public sealed class GetVideoHandler(IGrainFactory grains, EngagementStats stats) : IQueryHandler<GetVideo, Outcome<VideoView>>
{
    public async ValueTask<Outcome<VideoView>> Handle(GetVideo query, CancellationToken cancellationToken)
    {
        if (VideoLookup.Grain(grains, query.AgencyId, query.VideoId) is not { } grain || await grain.Get() is not { } video)
        {
            return EntityLookup.NotFound<VideoView>("Video", query.VideoId);
        }
        var rolledUp = await stats.VideosAsync(query.AgencyId, [video.Id], cancellationToken);
        return Outcome<VideoView>.Ok(VideoView.From(video) with { Stats = EngagementStatsView.From(rolledUp[video.Id]) });
    }
}

/// <summary>The agency's videos, by tag, linked product or type, in creation order (<c>GET /v1/videos</c>).</summary>
public sealed record ListVideos(string AgencyId, string? Tag, string? ProductId, string? Type, int? Limit, string? Cursor) : IQuery<Page<VideoView>>;

public sealed class ListVideosValidator : AbstractValidator<ListVideos>
{
    public ListVideosValidator()
    {
        RuleFor(q => q.Tag).Must(t => t is null || Tags.Normalize(t).Length > 0).WithMessage("Must not be blank.");
        RuleFor(q => q.Type).OneOf<ListVideos, VideoType>();
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).Cursor();
    }
}

public sealed class ListVideosHandler(VideoStore videos, EngagementStats stats) : IQueryHandler<ListVideos, Page<VideoView>>
{
    public async ValueTask<Page<VideoView>> Handle(ListVideos query, CancellationToken cancellationToken)
    {
        PageCursor.TryDecode(query.Cursor, out var after);
        var (documents, hasMore) = await videos.ListAsync(new CatalogueQuery(
            query.AgencyId, query.Tag is null ? null : Tags.Normalize(query.Tag), query.ProductId, query.Type, after,
            query.Limit ?? PageCursor.DefaultLimit), cancellationToken);
        var snapshots = documents.Select(Documents.Deserialize<VideoSnapshot>).ToList();
        var rolledUp = await stats.VideosAsync(query.AgencyId, snapshots.Select(v => v.Id).ToList(), cancellationToken);
        var items = snapshots.Select(v => VideoView.From(v) with { Stats = EngagementStatsView.From(rolledUp[v.Id]) }).ToList();
        return new Page<VideoView>(items, hasMore ? PageCursor.Encode(items[^1].Id) : null);
    }
}

/// <summary>
/// The agency's active accounts ranked by affinity to a video (<c>GET /v1/videos/{id}/matches</c>): the video's tags
/// count fully, its topics as keywords.
/// </summary>
public sealed record GetVideoMatches(string AgencyId, string VideoId, int? Limit, string? Platform, string? Kind)
    : IQuery<Outcome<MatchList>>, IMatchesQuery;

public sealed class GetVideoMatchesValidator : MatchesQueryValidator<GetVideoMatches>;

public sealed class GetVideoMatchesHandler(IGrainFactory grains, AccountRanker ranker) : IQueryHandler<GetVideoMatches, Outcome<MatchList>>
{
    public async ValueTask<Outcome<MatchList>> Handle(GetVideoMatches query, CancellationToken cancellationToken)
    {
        if (VideoLookup.Grain(grains, query.AgencyId, query.VideoId) is not { } grain || await grain.Get() is not { } video)
        {
            return EntityLookup.NotFound<MatchList>("Video", query.VideoId);
        }
        var terms = ContentTerms.From(video.Tags, video.Topics.Select(t => t.TrimStart('#')));
        return Outcome<MatchList>.Ok(await ranker.MatchListAsync(query.AgencyId, terms, query, cancellationToken));
    }
}
