using System.Security.Cryptography;
using Campaigns.Gateway.Auth;
using Campaigns.Storage.Idempotency;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Campaigns.Gateway.Idempotency;

/// <summary>
/// Honours <c>Idempotency-Key</c> on every POST under <c>/v1</c>: the first response is stored durably and replayed
/// for a retry with the same body; the same key with another body is 422; a retry while the first is still
/// running is 409. A request whose input failed validation or binding (thrown before any handler ran), or that
/// failed on our side (5xx), releases its key: it changed nothing, or (503 "not yet fully applied") it changed something
/// that running it again finishes, so the client may retry it under the same key.
/// Every other response, refusals such as 404 and 409 included, is stored and replayed. Endpoints whose response
/// carries a secret name its fields with <see cref="RedactOnReplayAttribute"/>; the stored copy omits them.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, TimeProvider clock, IProblemDetailsService problems)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

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
        var claim = await store.ClaimAsync(scope, key, hash, clock.GetUtcNow(), context.RequestAborted);
        switch (claim.Result)
        {
            case IdempotencyClaimResult.Mismatch:
                await WriteProblemAsync(context, 422, "Idempotency-Key reused", "This key was already used with a different request.");
                return;
            case IdempotencyClaimResult.InProgress:
                await WriteProblemAsync(context, 409, "Request in progress", "A request with this key is still being processed; retry shortly.");
                return;
            case IdempotencyClaimResult.Replay:
                await ReplayAsync(context, claim.Response!);
                return;
        }

        await RunAndStoreAsync(context, scope, key);
    }

    private async Task RunAndStoreAsync(HttpContext context, string scope, string key)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await store.ReleaseAsync(scope, key, CancellationToken.None);
            throw;
        }
        context.Response.Body = original;

        var body = buffer.ToArray();
        if (context.Response.StatusCode < 500)
        {
            var stored = Redact(body, context.GetEndpoint()?.Metadata.GetMetadata<RedactOnReplayAttribute>());
            var response = new StoredResponse(context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null, stored);
            await store.CompleteAsync(scope, key, response, clock.GetUtcNow(), CancellationToken.None);
        }
        else
        {
            await store.ReleaseAsync(scope, key, CancellationToken.None);
        }
        await original.WriteAsync(body, context.RequestAborted);
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
        return System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse response)
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
