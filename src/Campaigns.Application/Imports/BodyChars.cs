namespace Campaigns.Application.Imports;

/// <summary>
/// The characters of a request body, read a chunk at a time: an import never holds more of the body than the row
/// it is reading, so a huge file costs memory only for the rows kept, and reading stops where the caller stops.
/// </summary>
internal sealed class BodyChars(TextReader reader)
{
    /// <summary>The most characters one row (a CSV record or an NDJSON line) may have: the 1 MiB of a single create request.</summary>
    public const int MaxRowChars = 1024 * 1024;

    private readonly char[] _buffer = new char[16 * 1024];
    private int _length, _position;

    /// <summary>The next character already read; false when the chunk is used up (call <see cref="FillAsync"/>).</summary>
    public bool TryNext(out char next)
    {
        if (_position < _length)
        {
            next = _buffer[_position++];
            return true;
        }
        next = default;
        return false;
    }

    /// <summary>Reads the next chunk; false at the end of the body.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        _length = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
        _position = 0;
        return _length > 0;
    }

    /// <summary>The 400 for a row longer than <see cref="MaxRowChars"/>.</summary>
    public static Common.RequestValidationException RowTooLong() =>
        Common.RequestValidationException.For("rows", $"A row is longer than {MaxRowChars} characters.");
}
