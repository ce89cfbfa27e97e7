using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// Posts a chunked body over a plain socket and reads the answer while still sending, as curl does. HttpClient reports
/// a connection reset instead of the answer when a server answers before the body is sent and stops reading it.
/// </summary>
public static class RawUpload
{
    public static async Task<(HttpStatusCode Status, string Body)> PostAsync(Uri server, string path, string apiKey, GeneratedLines content)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nAuthorization: Bearer {apiKey}\r\n"
            + $"Content-Type: {content.Headers.ContentType}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"));
        var answer = ReadAnswerAsync(stream);
        try
        {
            foreach (var chunk in content.Chunks())
            {
                if (answer.IsCompleted)
                {
                    break;
                }
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n"));
                await stream.WriteAsync(chunk);
                await stream.WriteAsync("\r\n"u8.ToArray());
            }
            await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        }
        catch (IOException)
        {
            // The server answered, stopped reading and closed the connection: the answer is already on its way.
        }
        return Parse(await answer);
    }

    /// <summary>Everything the server sends until it closes the connection (or resets it after answering).</summary>
    private static async Task<byte[]> ReadAnswerAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
        }
        return received.ToArray();
    }

    private static (HttpStatusCode, string) Parse(byte[] raw)
    {
        var text = Encoding.UTF8.GetString(raw);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = text[..split];
        var body = text[(split + 4)..];
        var status = (HttpStatusCode)int.Parse(head.Split(' ')[1]);
        return (status, head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Unchunk(body) : body);
    }

    private static string Unchunk(string body)
    {
        var result = new StringBuilder();
        var at = 0;
        while (true)
        {
            var end = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[at..end], 16);
            if (size == 0)
            {
                return result.ToString();
            }
            result.Append(body, end + 2, size);
            at = end + 2 + size + 2;
        }
    }
}
