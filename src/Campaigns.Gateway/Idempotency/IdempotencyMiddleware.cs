using System.Security.Cryptography;
using Campaigns.Application.Idempotency;
using Campaigns.Gateway.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Campaigns.Gateway.Idempotency;

/// <summary>
/// Honours <c>Idempotency-Key</c> on every POST under <c>/v1</c>: the first response is stored durably and replayed
/// for a retry with the same body; the same key with another body is 422; a retry while the first is still
/// running is 409. A request whose input failed validation or binding (thrown before any handler ran), or that
/// failed on our side (5xx), releases its key: it changed nothing, or (503 "not yet fully applied") it changed something
/// that running it again finishes, so the client may retry it under the same key. A request the cluster did not answer
/// in time keeps its key taken until the in-flight window frees it: it may still be running.
/// Every other response, refusals such as 404 and 409 included, is stored and replayed. Endpoints whose response
/// carries a secret name its fields with <see cref="RedactOnReplayAttribute"/>; the stored copy omits them. A request
/// whose claim was taken over by a retry (after <c>IdempotencyStore.AbandonedAfter</c>) still answers its own client,
/// but stores and releases nothing: the retry's answer is the one kept. When the database fails just as the answer is
/// stored or the key released, the client hears what its request did, and <see cref="PendingIdempotencyWrites"/>
/// writes the key's record once the database is back.
/// </summary>
public sealed class IdempotencyMiddleware(
    RequestDelegate next, IdempotentRequests requests, PendingIdempotencyWrites pending, IProblemDetailsService problems,
    Telemetry.GatewayMetrics metrics, ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    private static readonly System.Text.Json.JsonSerializerOptions RelaxedJson =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[Header].ToString();
        var scope = context.User.IdempotencyScope();
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0 || scope is null
            || !context.Request.Path.StartsWithSegments("/v1"))
        {
            await next(context);
            return;
        }
        if (key.Length > MaxKeyLength)
        {
            await WriteProblemAsync(context, 400, "Invalid Idempotency-Key", $"The key must be at most {MaxKeyLength} characters.");
            return;
        }

        var hash = await HashRequestAsync(context.Request);
        var ticket = await requests.ClaimAsync(scope, key, hash, context.RequestAborted);
        switch (ticket.Decision)
        {
            case IdempotencyDecision.Mismatch:
                await WriteProblemAsync(context, 422, "Idempotency-Key reused", "This key was already used with a different request.");
                return;
            case IdempotencyDecision.InProgress:
                await WriteProblemAsync(context, 409, "Request in progress", "A request with this key is still being processed; retry shortly.");
                return;
            case IdempotencyDecision.Replay:
                metrics.Replayed();
                await ReplayAsync(context, ticket.Response!);
                return;
        }

        await RunAndStoreAsync(context, ticket);
    }

    private async Task RunAndStoreAsync(HttpContext context, IdempotencyTicket ticket)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch (Exception e)
        {
            context.Response.Body = original;
            // A command the cluster did not answer in time may still be running: its key stays taken (a retry hears
            // "in progress") until the in-flight window frees it, rather than letting a retry run it a second time.
            if (!Errors.Faults.IsClusterTimeout(e))
            {
                await ReleaseAsync(ticket);
            }
            throw;
        }
        context.Response.Body = original;

        var body = buffer.ToArray();
        if (context.Response.StatusCode < 500)
        {
            var stored = Redact(body, context.GetEndpoint()?.Metadata.GetMetadata<RedactOnReplayAttribute>());
            await CompleteAsync(ticket, new RecordedResponse(
                context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null, stored));
        }
        else
        {
            await ReleaseAsync(ticket);
        }
        await original.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>
    /// Stores the answer of a request that ran. Should the database fail now, the command's effects stand all the
    /// same: the client still gets its answer (a storage 503 would claim that nothing was changed), and the answer is
    /// stored once the database is back, before the key's in-flight window could let a retry run the command again.
    /// </summary>
    private async Task CompleteAsync(IdempotencyTicket ticket, RecordedResponse response)
    {
        try
        {
            if (!await requests.CompleteAsync(ticket, response))
            {
                logger.LogWarning("Idempotency-Key {Key} of {Scope} was taken over by a retry while this request ran; its answer is not stored",
                    ticket.Key, ticket.Scope);
            }
        }
        catch (Exception e) when (Errors.Faults.IsStorage(e))
        {
            pending.Complete(ticket, response);
        }
    }

    /// <summary>
    /// Frees the key of a request that changed nothing. Should the database fail now, the request's own failure is
    /// what its client hears, and the key is freed once the database is back rather than held "in progress".
    /// </summary>
    private async Task ReleaseAsync(IdempotencyTicket ticket)
    {
        try
        {
            await requests.ReleaseAsync(ticket);
        }
        catch (Exception e) when (Errors.Faults.IsStorage(e))
        {
            pending.Release(ticket);
        }
    }

    private static byte[] Redact(byte[] body, RedactOnReplayAttribute? redact)
    {
        if (redact is null || System.Text.Json.Nodes.JsonNode.Parse(body) is not System.Text.Json.Nodes.JsonObject json)
        {
            return body;
        }
        foreach (var field in redact.Fields)
        {
            if (json.ContainsKey(field))
            {
                json[field] = null;
            }
        }
        // Relaxed escaping, as the response itself was written: a replay differs from it only in the redacted fields.
        return System.Text.Encoding.UTF8.GetBytes(json.ToJsonString(RelaxedJson));
    }

    private static async Task ReplayAsync(HttpContext context, RecordedResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        if (response.Location is not null)
        {
            context.Response.Headers.Location = response.Location;
        }
        context.Response.Headers[ReplayedHeader] = "true";
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
    }

    /// <summary>Method, path, query and body: a replay must be the same request, not just the same key.</summary>
    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }
        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
