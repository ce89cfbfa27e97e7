namespace Campaigns.Connectors.Platforms.TikTok;

/// <summary>
/// How a video is cut for FILE_UPLOAD, by TikTok's rules: chunk_size between 5 and 64 MB; total_chunk_count =
/// video_size / chunk_size rounded down; the last chunk takes the remainder (so it may reach 128 MB); a video
/// smaller than one chunk goes whole; 1 to 1,000 chunks, sent in order.
/// </summary>
public readonly record struct TikTokChunks(long VideoSize, long ChunkSize, int Count)
{
    /// <summary>The most chunks one upload may have.</summary>
    public const int MaxChunks = 1000;

    /// <summary>The plan for a video, with <paramref name="preferred"/> bytes per chunk where the rules allow.</summary>
    public static TikTokChunks Plan(long videoSize, long preferred)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(videoSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(preferred);
        if (videoSize <= preferred)
        {
            return new TikTokChunks(videoSize, videoSize, 1);
        }
        var chunk = Math.Max(preferred, (videoSize + MaxChunks - 1) / MaxChunks);
        return new TikTokChunks(videoSize, chunk, (int)(videoSize / chunk));
    }

    /// <summary>Where chunk <paramref name="index"/> starts.</summary>
    public long Start(int index) => index * ChunkSize;

    /// <summary>How many bytes chunk <paramref name="index"/> has (the last one takes the remainder).</summary>
    public long Length(int index) => index == Count - 1 ? VideoSize - Start(index) : ChunkSize;

    /// <summary>The first chunk not wholly covered by <paramref name="uploadedBytes"/>.</summary>
    public int FirstMissing(long uploadedBytes) =>
        uploadedBytes >= VideoSize ? Count : (int)Math.Min(Math.Max(uploadedBytes, 0) / ChunkSize, Count - 1);
}
