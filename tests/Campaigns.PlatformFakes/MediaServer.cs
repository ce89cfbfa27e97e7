using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Campaigns.PlatformFakes;

/// <summary>
/// Serves generated videos of any size at <c>/media/{bytes}.mp4</c> (see <see cref="MediaPattern"/>), honouring
/// <c>Range: bytes=N-</c>. <c>?noLength=1</c> leaves out Content-Length; <c>?ignoreRange=1</c> always answers the
/// whole file. Nothing is buffered: a 1 GiB video costs the server a 64 KiB buffer.
/// </summary>
public sealed class MediaServer() : FakeServer(null)
{
    /// <summary>The URL of a generated video of <paramref name="bytes"/> bytes.</summary>
    public Uri Video(long bytes, string? query = null) => Url($"media/{bytes}.mp4{(query is null ? "" : "?" + query)}");

    /// <summary>Bytes served in all.</summary>
    public long ServedBytes => Counters["served-bytes"];

    /// <inheritdoc />
    protected override void Map(WebApplication app)
    {
        app.MapGet("/media/{file}", Serve);
        app.MapMethods("/media/{file}", ["HEAD"], Serve);
    }

    private async Task Serve(HttpContext context, string file)
    {
        if (!file.EndsWith(".mp4", StringComparison.Ordinal)
            || !long.TryParse(file[..^4], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Counters.Add("requests");
        var from = RangeStart(context) is { } start && context.Request.Query["ignoreRange"] != "1" ? Math.Min(start, size) : 0;
        context.Response.ContentType = "video/mp4";
        context.Response.Headers.AcceptRanges = "bytes";
        if (from > 0)
        {
            context.Response.StatusCode = StatusCodes.Status206PartialContent;
            context.Response.Headers.ContentRange = new ContentRangeHeaderValue(from, size - 1, size).ToString();
        }
        if (context.Request.Query["noLength"] != "1")
        {
            context.Response.ContentLength = size - from;
        }
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }
        await Write(context, from, size);
    }

    private async Task Write(HttpContext context, long from, long size)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            for (var at = from; at < size;)
            {
                var length = (int)Math.Min(buffer.Length, size - at);
                MediaPattern.Fill(buffer.AsSpan(0, length), at);
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, length), context.RequestAborted);
                at += length;
                Counters.Add("served-bytes", length);
            }
        }
        catch (OperationCanceledException)
        {
            // The reader went away (a chunk failed, or only the headers were wanted).
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static long? RangeStart(HttpContext context) =>
        RangeHeaderValue.TryParse(context.Request.Headers.Range.ToString(), out var range)
        && range.Ranges.Count == 1 && range.Ranges.First().From is { } start ? start : null;
}
