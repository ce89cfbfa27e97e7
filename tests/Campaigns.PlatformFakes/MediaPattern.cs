using System.Buffers;

namespace Campaigns.PlatformFakes;

/// <summary>
/// The bytes of every generated video: byte i is i mod 251, so a fake can check that each uploaded byte arrived at
/// its place, and a file of any size is served without ever being held in memory.
/// </summary>
public static class MediaPattern
{
    private const int Period = 251;

    /// <summary>Fills <paramref name="buffer"/> with the bytes starting at <paramref name="offset"/>.</summary>
    public static void Fill(Span<byte> buffer, long offset)
    {
        var phase = (int)(offset % Period);
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)phase;
            phase = phase + 1 == Period ? 0 : phase + 1;
        }
    }

    /// <summary>True when <paramref name="data"/> holds exactly the bytes starting at <paramref name="offset"/>.</summary>
    public static bool Matches(ReadOnlySpan<byte> data, long offset)
    {
        var phase = (int)(offset % Period);
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] != phase)
            {
                return false;
            }
            phase = phase + 1 == Period ? 0 : phase + 1;
        }
        return true;
    }

    /// <summary>
    /// Reads a request body that should hold the bytes from <paramref name="offset"/>: how many arrived and whether
    /// all were right. With <paramref name="stopAfter"/> it stops reading there (an interrupted upload).
    /// </summary>
    public static async Task<(long Received, bool Intact)> ReceiveAsync(Stream body, long offset, long? stopAfter, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long received = 0;
            var intact = true;
            while (stopAfter is null || received < stopAfter)
            {
                var want = stopAfter is { } stop ? (int)Math.Min(buffer.Length, stop - received) : buffer.Length;
                var read = await body.ReadAsync(buffer.AsMemory(0, want), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                intact &= Matches(buffer.AsSpan(0, read), offset + received);
                received += read;
            }
            return (received, intact);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
