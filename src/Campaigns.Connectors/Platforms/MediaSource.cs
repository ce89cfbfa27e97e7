using System.Net;
using System.Net.Http.Headers;
using Campaigns.Connectors.Outbound;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Videos;
using Polly.Timeout;

namespace Campaigns.Connectors.Platforms;

/// <summary>
/// Reads a video from its <c>mediaUrl</c> as a stream, from any offset (HTTP Range, or skipping when the server
/// ignores it), so uploads can be sent chunk by chunk and resumed without holding the file in memory.
/// </summary>
public sealed class MediaSource(IHttpClientFactory clients)
{
    private const int SkipBufferBytes = 64 * 1024;

    /// <summary>Opens the media at <paramref name="offset"/>; the caller disposes the result.</summary>
    public async Task<PlatformResult<MediaStream>> OpenAsync(Uri url, long offset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var http = clients.CreateClient(PlatformHttp.MediaClient);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
        }
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (OutboundRefusedException e)
        {
            return PlatformResult<MediaStream>.Fail(new(FailureKind.Refused, "media_url_refused", $"The media URL may not be fetched: {e.Message}"));
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or IOException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return PlatformResult<MediaStream>.Fail(new(FailureKind.Transient, "media_unreachable", $"The media could not be fetched: {e.Message}"));
        }
        try
        {
            return await StartAt(response, offset, cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>The media's size in bytes, read from the headers of a GET that is then dropped.</summary>
    public async Task<PlatformResult<long>> SizeAsync(Uri url, CancellationToken cancellationToken)
    {
        var opened = await OpenAsync(url, 0, cancellationToken);
        if (!opened.Ok)
        {
            return PlatformResult<long>.Fail(opened.Failure!);
        }
        await using var media = opened.Value!;
        return PlatformResult<long>.Success(media.Size);
    }

    /// <summary>
    /// The media's size once it is known to fit the platform's limits (duration first, before any request), or the
    /// refusal naming the limit (code <paramref name="code"/>).
    /// </summary>
    public async Task<PlatformResult<long>> CheckedSizeAsync(Platform platform, PlatformPost post, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (UploadLimits.Check(platform, null, post.DurationSeconds) is { } tooLong)
        {
            return PlatformResult<long>.Fail(new(FailureKind.Refused, code, tooLong.Message));
        }
        var size = await SizeAsync(post.MediaUrl, cancellationToken);
        return !size.Ok ? size
            : UploadLimits.Check(platform, size.Value, null) is { } tooBig ? PlatformResult<long>.Fail(new(FailureKind.Refused, code, tooBig.Message))
            : size;
    }

    private static async Task<PlatformResult<MediaStream>> StartAt(HttpResponseMessage response, long offset, CancellationToken cancellationToken)
    {
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            return PlatformResult<MediaStream>.Fail(new(FailureKind.Refused, "media_unavailable", $"The media answered {(int)response.StatusCode}."));
        }
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            return PlatformResult<MediaStream>.Fail(new(FailureKind.Transient, "media_unavailable", $"The media answered {(int)response.StatusCode}."));
        }
        var partial = response.StatusCode == HttpStatusCode.PartialContent;
        long? size = partial ? response.Content.Headers.ContentRange?.Length : response.Content.Headers.ContentLength;
        if (size is null)
        {
            response.Dispose();
            return PlatformResult<MediaStream>.Fail(new(FailureKind.Refused, "media_size_unknown", "The media's server does not say its size (Content-Length), which chunked uploads need."));
        }
        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (!partial && offset > 0)
        {
            // The server ignored the Range header: read past what the platform already has.
            await Skip(body, offset, cancellationToken);
        }
        return PlatformResult<MediaStream>.Success(new MediaStream(response, body, size.Value, offset));
    }

    private static async Task Skip(Stream body, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[SkipBufferBytes];
        while (count > 0)
        {
            var read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken);
            if (read == 0)
            {
                throw new IOException("The media ended before the resume offset.");
            }
            count -= read;
        }
    }
}

/// <summary>An open media body positioned at <see cref="Position"/>, of <see cref="Size"/> bytes in all.</summary>
public sealed class MediaStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;

    internal MediaStream(HttpResponseMessage response, Stream body, long size, long position)
    {
        _response = response;
        Body = body;
        Size = size;
        Position = position;
    }

    /// <summary>The body, read forward only.</summary>
    internal Stream Body { get; }

    /// <summary>The whole file's size in bytes.</summary>
    public long Size { get; }

    /// <summary>The offset of the next byte <see cref="Next"/> will send.</summary>
    public long Position { get; private set; }

    /// <summary>Content for the next <paramref name="length"/> bytes; the media advances as the content is sent.</summary>
    internal ChunkContent Next(long length, string contentType, IProgress<long>? progress)
    {
        var start = Position;
        Position += length;
        return new ChunkContent(Body, length, contentType, start, progress);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Body.DisposeAsync();
        _response.Dispose();
    }
}
