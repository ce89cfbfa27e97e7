using System.Text;
using Campaigns.Application.Imports;
using Campaigns.Gateway.Auth;
using Campaigns.Gateway.Errors;
using Campaigns.Gateway.Limits;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Campaigns.Gateway.Endpoints;

/// <summary>
/// <c>POST {group}/import</c>: a bulk import of create requests from <c>text/csv</c> or <c>application/x-ndjson</c>,
/// all or nothing. The accounts and products imports differ only in their CSV columns and their command.
/// </summary>
public static class ImportEndpoint
{
    /// <summary>The body limit of an import: 10,000 rows of a few hundred bytes each, with room to spare.</summary>
    public const long MaxImportBodyBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Maps the import of <typeparamref name="TRequest"/> rows, read from CSV by <paramref name="readCsv"/>. The body is
    /// streamed: reading stops one row past <see cref="ImportCommand{TRequest}.MaxRows"/> (a 400) or at the byte limit
    /// (a 413), so an oversized file costs neither memory nor much time.
    /// </summary>
    public static RouteHandlerBuilder MapImport<TRequest>(
        this RouteGroupBuilder group,
        Func<TextReader, int, CancellationToken, Task<IReadOnlyList<ImportRow<TRequest>>>> readCsv,
        Func<string, ImportFormat, IReadOnlyList<ImportRow<TRequest>>, ImportCommand<TRequest>> command,
        string listLocation)
        where TRequest : class =>
        group.MapPost("/import", async (HttpRequest request, IMediator mediator, IOptions<JsonOptions> json, CancellationToken ct) =>
            {
                if (FormatOf(request) is not { } format)
                {
                    return TypedResults.Problem(
                        $"Send the file as {CsvFile.MediaType} or {NdjsonFile.MediaType}.", statusCode: StatusCodes.Status415UnsupportedMediaType,
                        title: "Unsupported media type");
                }
                using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                const int maxRows = ImportCommand<TRequest>.MaxRows;
                var rows = format == ImportFormat.Csv
                    ? await readCsv(reader, maxRows, ct)
                    : await NdjsonFile.ReadAsync<TRequest>(reader, json.Value.SerializerOptions, maxRows, ct);
                var outcome = await mediator.Send(command(request.HttpContext.User.AgencyId(), format, rows), ct);
                return outcome.ToCreated(_ => listLocation);
            })
            .Accepts<Stream>(CsvFile.MediaType, NdjsonFile.MediaType)
            .WithRequestBodyLimit(MaxImportBodyBytes)
            .Produces<ImportResult>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>The rules every import's summary states, after its own column list.</summary>
    public static string SummaryRules(string createEndpoint) =>
        $"or application/x-ndjson (one {createEndpoint} body per line), body up to 16 MiB. All or nothing: any invalid row → 400 "
        + $"with errors keyed rows[N].field (N counts data rows from 1; at most {ImportCommand<object>.MaxListedErrors} listed)";

    private static ImportFormat? FormatOf(HttpRequest request)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        return string.Equals(mediaType, CsvFile.MediaType, StringComparison.OrdinalIgnoreCase) ? ImportFormat.Csv
            : string.Equals(mediaType, NdjsonFile.MediaType, StringComparison.OrdinalIgnoreCase) ? ImportFormat.Ndjson
            : null;
    }
}
