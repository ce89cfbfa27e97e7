using System.Text.Json;
using System.Text.RegularExpressions;
using Campaigns.Application.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Campaigns.Gateway.Errors;

/// <summary>
/// The one place exceptions become problem details: invalid input is 400 (naming the field), oversized bodies 413,
/// storage faults 503 ("nothing was changed"), a command recorded but not yet fully applied 503 (saying so), a cluster
/// that did not answer in time 503 ("may or may not have been applied"), and only our own bugs are 500.
/// </summary>
public sealed partial class GatewayExceptionHandler(IProblemDetailsService problems, ILogger<GatewayExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            RequestValidationException invalid => Validation(invalid.Errors),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problem(413, "Request body too large", "The request body exceeds the limit for this endpoint."),
            BadHttpRequestException bad => Validation(FieldsOf(bad)),
            _ when Faults.Incomplete(exception) is { } incomplete => Problem(503, "Not yet fully applied", incomplete.Message),
            _ when Faults.IsStorage(exception) => Problem(503, "Storage unavailable", "The database cannot be reached right now; nothing was changed. Retry later."),
            _ when Faults.IsClusterTimeout(exception) => Problem(503, "Cluster did not answer in time",
                "The cluster did not answer in time; the command may or may not have been applied. Retry with the same Idempotency-Key."),
            _ => null,
        };

        if (problem is null)
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                return true;
            }
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = Problem(500, "Unexpected error", "Something failed on our side. The trace id identifies it in our logs.");
        }
        else if (problem.Status >= 500)
        {
            logger.LogWarning(exception, "{Title} on {Method} {Path}", problem.Title, context.Request.Method, context.Request.Path);
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    private static HttpValidationProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(errors.ToDictionary()) { Status = 400, Title = "The request is invalid", Detail = "See 'errors' for each field at fault; nothing was changed." };

    /// <summary>Turns a binding failure into field errors: JSON paths for bodies, parameter names for query strings.</summary>
    private static Dictionary<string, string[]> FieldsOf(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            if (UnmappedMember().Match(json.Message) is { Success: true } unmapped)
            {
                return new() { [unmapped.Groups["name"].Value] = ["Is not a field of this request."] };
            }
            var path = JsonPath(json.Path);
            return new() { [path.Length == 0 ? "body" : path] = [path.Length == 0 ? "The body is not valid JSON." : "Has the wrong type or is not valid JSON."] };
        }
        if (BoundParameter().Match(bad.Message) is { Success: true } parameter)
        {
            return new() { [parameter.Groups["name"].Value] = [$"'{parameter.Groups["value"].Value}' is not a valid value."] };
        }
        if (bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return new() { ["body"] = ["A JSON body is required."] };
        }
        return new() { ["request"] = [bad.Message] };
    }

    private static string JsonPath(string? path) =>
        path is null ? "" : path.TrimStart('$').TrimStart('.').Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal);

    [GeneratedRegex("The JSON property '(?<name>[^']+)' could not be mapped")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex("Failed to bind parameter \"[^ ]+ (?<name>[^\"]+)\" from \"(?<value>[^\"]*)\"")]
    private static partial Regex BoundParameter();
}
