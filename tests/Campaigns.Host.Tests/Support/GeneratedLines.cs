using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// A request body of generated lines, written as it is sent (chunked, no Content-Length), so a test can post millions
/// of lines without holding them and without the server being able to refuse the body by its declared length.
/// </summary>
public sealed class GeneratedLines : HttpContent
{
    private readonly string? _header;
    private readonly Func<int, string> _line;
    private readonly int _count;

    public GeneratedLines(string? header, Func<int, string> line, int count, string mediaType)
    {
        (_header, _line, _count) = (header, line, count);
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    /// <summary>How many lines were handed to the connection (the rest were never sent).</summary>
    public int Sent { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        foreach (var chunk in Chunks())
        {
            await stream.WriteAsync(chunk);
        }
    }

    /// <summary>The body in pieces of about 64 KiB, counting the lines in <see cref="Sent"/> as each piece is taken.</summary>
    public IEnumerable<byte[]> Chunks()
    {
        var chunk = new StringBuilder();
        if (_header is not null)
        {
            chunk.Append(_header).Append('\n');
        }
        for (var i = 0; i < _count; i++)
        {
            chunk.Append(_line(i)).Append('\n');
            if (chunk.Length >= 64 * 1024 || i == _count - 1)
            {
                Sent = i + 1;
                yield return Encoding.UTF8.GetBytes(chunk.ToString());
                chunk.Clear();
            }
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
