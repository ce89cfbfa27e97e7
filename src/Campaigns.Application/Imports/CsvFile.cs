using System.Runtime.CompilerServices;
using System.Text;
using Campaigns.Application.Common;

namespace Campaigns.Application.Imports;

/// <summary>
/// Reads <c>text/csv</c> (RFC 4180: quoted cells may hold commas, quotes doubled, line breaks): a header row of
/// column names in any order and case, then one create request per row. An empty cell is an absent field. Blank
/// lines are skipped and not numbered. The body is read as a stream, and reading stops after the row past the limit.
/// </summary>
public static class CsvFile
{
    public const string MediaType = "text/csv";

    /// <summary>The most cells a record may have; far more than any header names.</summary>
    private const int MaxCells = 1_000;

    /// <summary>
    /// Reads rows until the body ends or <paramref name="maxRows"/> + 1 have been read (the validator refuses more than
    /// <paramref name="maxRows"/> without the rest being read), turning each into a request with <paramref name="read"/>.
    /// A header that names unknown or repeated columns is a 400 on <c>header</c>, a row with the wrong number of cells
    /// a problem of that row.
    /// </summary>
    public static async Task<IReadOnlyList<ImportRow<TRequest>>> ReadAsync<TRequest>(
        TextReader body, IReadOnlyList<string> columns, Func<CsvRow, TRequest> read, int maxRows, CancellationToken cancellationToken)
        where TRequest : class
    {
        string[]? header = null;
        var rows = new List<ImportRow<TRequest>>();
        await foreach (var cells in RecordsAsync(body, cancellationToken))
        {
            if (cells.Count == 1 && cells[0].Length == 0)
            {
                continue;
            }
            if (header is null)
            {
                header = ReadHeader(cells, columns);
                continue;
            }
            rows.Add(ReadRow(rows.Count + 1, header, cells, read));
            if (rows.Count > maxRows)
            {
                break;
            }
        }
        return rows;
    }

    private static ImportRow<TRequest> ReadRow<TRequest>(int number, string[] header, List<string> cells, Func<CsvRow, TRequest> read)
        where TRequest : class
    {
        if (cells.Count != header.Length)
        {
            return ImportRow<TRequest>.Unreadable(number, "", $"Has {cells.Count} cells; the header has {header.Length}.");
        }
        var row = new CsvRow(header.Zip(cells).ToDictionary(p => p.First, p => p.Second.Length == 0 ? null : p.Second, StringComparer.Ordinal));
        // A cell that did not parse is left out of the request, which is still validated, so every error is listed.
        var request = read(row);
        return new ImportRow<TRequest>(number, request, row.Problems);
    }

    private static string[] ReadHeader(List<string> cells, IReadOnlyList<string> columns)
    {
        var header = new string[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            var name = cells[i].Trim();
            header[i] = columns.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase))
                ?? throw RequestValidationException.For("header", $"Unknown column '{name}'. Columns are: {string.Join(", ", columns)}.");
            if (Array.IndexOf(header, header[i], 0, i) >= 0)
            {
                throw RequestValidationException.For("header", $"Column '{header[i]}' appears twice.");
            }
        }
        return header;
    }

    /// <summary>Splits the body into records of cells, one record at a time.</summary>
    private static async IAsyncEnumerable<List<string>> RecordsAsync(TextReader body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chars = new BodyChars(body);
        var record = new CsvRecordBuilder();
        while (await chars.FillAsync(cancellationToken))
        {
            while (chars.TryNext(out var c))
            {
                if (record.Take(c) is { } cells)
                {
                    yield return cells;
                }
            }
        }
        if (record.Finish() is { } last)
        {
            yield return last;
        }
    }

    /// <summary>
    /// The CSV state machine, fed one character at a time so that a record may span chunks: a quote opens a quoted
    /// cell only at the start of a cell, a doubled quote inside one is a quote, CR, LF and CRLF end a record.
    /// </summary>
    private sealed class CsvRecordBuilder
    {
        private readonly StringBuilder _cell = new();
        private List<string> _cells = [];
        private bool _quoted, _quoteInQuoted, _skipLineFeed, _started;
        private int _chars;

        /// <summary>Takes one character; returns the record it completes, if any.</summary>
        public List<string>? Take(char c)
        {
            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (c == '\n')
                {
                    return null;
                }
            }
            _started = true;
            if (++_chars > BodyChars.MaxRowChars)
            {
                throw BodyChars.RowTooLong();
            }
            if (_quoteInQuoted)
            {
                _quoteInQuoted = false;
                if (c == '"')
                {
                    _cell.Append('"');
                    return null;
                }
                _quoted = false;
            }
            else if (_quoted)
            {
                if (c == '"') _quoteInQuoted = true;
                else _cell.Append(c);
                return null;
            }
            return TakeUnquoted(c);
        }

        /// <summary>The record in progress at the end of the body, if any.</summary>
        public List<string>? Finish() => _started ? EndRecord() : null;

        private List<string>? TakeUnquoted(char c)
        {
            switch (c)
            {
                case '"' when _cell.Length == 0:
                    _quoted = true;
                    return null;
                case ',':
                    EndCell();
                    return null;
                case '\r' or '\n':
                    _skipLineFeed = c == '\r';
                    return EndRecord();
                default:
                    _cell.Append(c);
                    return null;
            }
        }

        private void EndCell()
        {
            if (_cells.Count >= MaxCells)
            {
                throw RequestValidationException.For("rows", $"A row has more than {MaxCells} cells.");
            }
            _cells.Add(_cell.ToString());
            _cell.Clear();
        }

        private List<string> EndRecord()
        {
            EndCell();
            var cells = _cells;
            _cells = [];
            _quoted = _quoteInQuoted = _started = false;
            _chars = 0;
            return cells;
        }
    }
}
