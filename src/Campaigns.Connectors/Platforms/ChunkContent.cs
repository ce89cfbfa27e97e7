using System.Buffers;
using System.Net;
using System.Net.Http.Headers;

namespace Campaigns.Connectors.Platforms;

/// <summary>
/// Exactly <c>length</c> bytes of the media, copied straight from the media's body to the platform's request
/// through one small pooled buffer: an upload holds a few dozen kilobytes, however large its chunks.
/// It can be sent once; a failed chunk is resent by reopening the media at the platform's offset.
/// </summary>
internal sealed class ChunkContent : HttpContent
{
    private const int BufferBytes = 64 * 1024;

    private readonly Stream _source;
    private readonly long _length;
    private readonly long _start;
    private readonly IProgress<long>? _progress;

    public ChunkContent(Stream source, long length, string contentType, long start, IProgress<long>? progress)
    {
        _source = source;
        _length = length;
        _start = start;
        _progress = progress;
        Headers.ContentType = new MediaTypeHeaderValue(contentType);
        Headers.ContentLength = length;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            var left = _length;
            while (left > 0)
            {
                var read = await _source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken);
                if (read == 0)
                {
                    throw new IOException($"The media ended {left} bytes before the chunk's end.");
                }
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                left -= read;
                _progress?.Report(_start + (_length - left));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }
}
