namespace Campaigns.Application.Accounts.Import;

/// <summary>The file formats <c>POST /v1/accounts/import</c> reads.</summary>
public enum ImportFormat
{
    /// <summary><c>text/csv</c>: a header row of field names, then one account per row.</summary>
    Csv,

    /// <summary><c>application/x-ndjson</c>: one JSON object per line, shaped like <c>POST /v1/accounts</c>.</summary>
    Ndjson,
}
