namespace Campaigns.Application.Imports;

/// <summary>The file formats a bulk import (<c>POST /v1/accounts/import</c>, <c>POST /v1/products/import</c>) reads.</summary>
public enum ImportFormat
{
    /// <summary><c>text/csv</c>: a header row of field names, then one item per row.</summary>
    Csv,

    /// <summary><c>application/x-ndjson</c>: one JSON object per line, shaped like the create request.</summary>
    Ndjson,
}
