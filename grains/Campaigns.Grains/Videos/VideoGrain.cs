
using Campaigns.Domain.Common;
using Campaigns.Domain.Videos;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Videos;
using Campaigns.Grains.Common;
using Campaigns.Storage.Videos;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
namespace Campaigns.Grains.Videos;

/// <summary>One video of the content library.</summary>
public sealed class VideoGrain(
    [PersistentState("video", StorageNames.Campaigns)] IPersistentState<VideoState> state,
    VideoStore readModel,
    TimeProvider clock,
    ILogger<VideoGrain> logger) : Grain, IVideoGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        state.State.Video ??= await CreationProtocol.AdoptAsync<VideoSnapshot>(this, readModel.FindDocumentAsync, cancellationToken);

    public Task<VideoSnapshot?> Get() => Task.FromResult(state.State.Video);

    public async Task<Outcome<VideoSnapshot>> Create(VideoDraft draft)
    {
        var (agencyId, id) = GrainKeys.Split(this.GetPrimaryKeyString());
        if (state.State.Video is not null)
        {
            return Outcome<VideoSnapshot>.Fail(ErrorKind.Conflict, $"Video {id} already exists.");
        }

        var now = clock.GetUtcNow();
        var video = new VideoSnapshot(
            id, agencyId, draft.Title, draft.Copy, draft.Type, draft.DurationSeconds, draft.MediaUrl, draft.CoverUrl,
            draft.Tags, draft.Topics, draft.ProductIds, draft.Variants, draft.ArEffect, now, now, Version: 1);
        var row = new VideoRow(agencyId, id, WireName<VideoType>.Of(draft.Type), video.Version, now.ToUnixTimeMilliseconds(),
            now.ToUnixTimeMilliseconds(), Documents.Serialize(video), video.Tags, video.ProductIds);

        await CreationProtocol.RunAsync(
            async () =>
            {
                await readModel.InsertAsync(row);
                return true;
            },
            () =>
            {
                state.State.Video = video;
                return state.WriteStateAsync();
            },
            () => state.State.Video = null,
            () => readModel.DeleteAsync(agencyId, id),
            logger);
        logger.LogInformation("Video {VideoId} created ({Type}, {Duration} s)", id, draft.Type, draft.DurationSeconds);
        return Outcome<VideoSnapshot>.Ok(video);
    }
}
