using System.Text;
using Campaigns.Application.Common;

namespace Campaigns.Application.Imports;

/// <summary>
/// Reads <c>text/csv</c> (RFC 4180: quoted cells may hold commas, quotes doubled, line breaks): a header row of
/// column names in any order and case, then one create request per row. An empty cell is an absent field. Blank
/// lines are skipped and not numbered.
/// </summary>
public static class CsvFile
{
    public const string MediaType = "text/csv";

    /// <summary>
    /// Reads the file, turning each row into a request with <paramref name="read"/>; a header that names unknown or
    /// repeated columns is a 400 on <c>header</c>, a row with the wrong number of cells a problem of that row.
    /// </summary>
    public static IReadOnlyList<ImportRow<TRequest>> Read<TRequest>(string text, IReadOnlyList<string> columns, Func<CsvRow, TRequest> read)
        where TRequest : class
    {
        using var records = Records(text).Where(r => !(r.Count == 1 && r[0].Length == 0)).GetEnumerator();
        if (!records.MoveNext())
        {
            return [];
        }
        var header = ReadHeader(records.Current, columns);
        var rows = new List<ImportRow<TRequest>>();
        while (records.MoveNext())
        {
            var number = rows.Count + 1;
            var cells = records.Current;
            if (cells.Count != header.Length)
            {
                rows.Add(ImportRow<TRequest>.Unreadable(number, "", $"Has {cells.Count} cells; the header has {header.Length}."));
                continue;
            }
            var row = new CsvRow(header.Zip(cells).ToDictionary(p => p.First, p => p.Second.Length == 0 ? null : p.Second, StringComparer.Ordinal));
            // A cell that did not parse is left out of the request, which is still validated, so every error is listed.
            var request = read(row);
            rows.Add(new ImportRow<TRequest>(number, request, row.Problems));
        }
        return rows;
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

    /// <summary>Splits the text into records of cells.</summary>
    private static IEnumerable<List<string>> Records(string text)
    {
        var i = 0;
        var cell = new StringBuilder();
        while (i < text.Length)
        {
            var cells = new List<string>();
            var quoted = false;
            cell.Clear();
            while (i < text.Length)
            {
                var c = text[i++];
                if (quoted)
                {
                    if (c != '"') cell.Append(c);
                    else if (i < text.Length && text[i] == '"') { cell.Append('"'); i++; }
                    else quoted = false;
                }
                else if (c == '"' && cell.Length == 0) quoted = true;
                else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
                else if (c is '\r' or '\n')
                {
                    if (c == '\r' && i < text.Length && text[i] == '\n') i++;
                    break;
                }
                else cell.Append(c);
            }
            cells.Add(cell.ToString());
            yield return cells;
        }
    }
}
