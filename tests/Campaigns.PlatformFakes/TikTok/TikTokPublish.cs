namespace Campaigns.PlatformFakes.TikTok;

/// <summary>One publish the TikTok fake is tracking.</summary>
public sealed class TikTokPublish(string id, string userId, string text, string source, long size, long chunkSize, int chunkCount, string uploadToken)
{
    private readonly Lock _gate = new();

    public string Id { get; } = id;
    public string UserId { get; } = userId;
    public string Text { get; } = text;
    public string Source { get; } = source;
    public long Size { get; } = size;
    public long ChunkSize { get; } = chunkSize;
    public int ChunkCount { get; } = chunkCount;
    public string UploadToken { get; } = uploadToken;

    /// <summary>Bytes received in whole, accepted chunks.</summary>
    public long UploadedBytes { get; private set; }

    /// <summary>Chunks accepted so far.</summary>
    public int ChunksReceived { get; private set; }

    /// <summary>When the video became complete (all chunks, or the pull).</summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>The post created, once complete.</summary>
    public string? PostId { get; private set; }

    /// <summary>Why processing failed, if it did.</summary>
    public string? FailReason { get; private set; }

    /// <summary>Where chunk <paramref name="index"/> starts.</summary>
    public long StartOf(int index) => index * ChunkSize;

    /// <summary>The length of chunk <paramref name="index"/>.</summary>
    public long LengthOf(int index) => index == ChunkCount - 1 ? Size - StartOf(index) : ChunkSize;

    /// <summary>Accepts the next chunk; true when it was the last.</summary>
    public bool Accept(long length)
    {
        lock (_gate)
        {
            UploadedBytes += length;
            ChunksReceived++;
            return ChunksReceived == ChunkCount;
        }
    }

    /// <summary>Marks the video complete: published as <paramref name="postId"/>, or failed with a reason.</summary>
    public void Complete(DateTimeOffset at, string? postId, string? failReason)
    {
        lock (_gate)
        {
            CompletedAt = at;
            PostId = postId;
            FailReason = failReason;
        }
    }
}
