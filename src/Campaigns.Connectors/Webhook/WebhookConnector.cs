using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Campaigns.Connectors.Outbound;
using Campaigns.Domain.Accounts;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace Campaigns.Connectors.Webhook;

/// <summary>
/// Publishes by calling the agency's own publisher: a signed POST to the account's URL, and a signed GET with
/// <c>?idempotencyKey=</c> to look a post up. Retries, backoff and timeouts come from the named client's
/// resilience pipeline (see <see cref="WebhookHttp"/>); this class only turns the final answer into a result.
/// </summary>
public sealed partial class WebhookConnector(IHttpClientFactory clients, TimeProvider clock, ILogger<WebhookConnector> logger)
    : IPublishingConnector
{
    /// <summary>How much of an error answer's body is logged (at Debug); none of it reaches the agency.</summary>
    public const int LoggedBodyLength = 200;

    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <inheritdoc />
    public ConnectorType Type => ConnectorType.Webhook;

    /// <inheritdoc />
    public async Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ConnectorChecks.RequireType(this, request.Target);
        if (Endpoint(request.Target) is not { } endpoint)
        {
            return PublishResult.Terminal("The webhook connector needs an absolute http(s) URL and a secret.");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(WebhookPayload.From(request), Json);
        using var message = Signed(HttpMethod.Post, endpoint.Url, endpoint.Secret, request.IdempotencyKey, body);
        message.Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        var answer = await SendAsync(message, request.IdempotencyKey, cancellationToken);
        return answer.Result ?? await ReadAnswerAsync(answer.Response!, "publish", cancellationToken) ?? NoPost(answer.Response!);
    }

    /// <inheritdoc />
    public async Task<PublishResult?> FindAsync(PublishLookup lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ConnectorChecks.RequireType(this, lookup.Target);
        if (Endpoint(lookup.Target) is not { } endpoint)
        {
            return PublishResult.Terminal("The webhook connector needs an absolute http(s) URL and a secret.");
        }

        var query = new UriBuilder(endpoint.Url);
        var key = "idempotencyKey=" + Uri.EscapeDataString(lookup.IdempotencyKey);
        query.Query = string.IsNullOrEmpty(query.Query) ? key : query.Query.TrimStart('?') + "&" + key;
        using var message = Signed(HttpMethod.Get, query.Uri, endpoint.Secret, lookup.IdempotencyKey, []);
        var answer = await SendAsync(message, lookup.IdempotencyKey, cancellationToken);
        if (answer.Result is { } failure)
        {
            // Whatever went wrong, the lookup did not learn whether the post exists.
            return failure with { Outcome = failure.Outcome == PublishOutcome.TerminalFailure ? PublishOutcome.TerminalFailure : PublishOutcome.Unknown };
        }
        if (answer.Response!.StatusCode == HttpStatusCode.NotFound)
        {
            answer.Response.Dispose();
            return null;
        }
        return await ReadAnswerAsync(answer.Response, "lookup", cancellationToken) ?? NoPost(answer.Response);
    }

    private static (Uri Url, string Secret)? Endpoint(ConnectorTarget target) =>
        Uri.TryCreate(target.Url, UriKind.Absolute, out var url)
        && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(target.Secret)
            ? (url, target.Secret)
            : null;

    private HttpRequestMessage Signed(HttpMethod method, Uri url, string secret, string idempotencyKey, byte[] body)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var message = new HttpRequestMessage(method, url);
        message.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        message.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(secret, timestamp, body));
        message.Headers.Add(WebhookSignature.IdempotencyKeyHeader, idempotencyKey);
        return message;
    }

    /// <summary>Sends through the pipeline; a failure comes back as a result, a final answer as the response.</summary>
    private async Task<(PublishResult? Result, HttpResponseMessage? Response)> SendAsync(
        HttpRequestMessage message, string idempotencyKey, CancellationToken cancellationToken)
    {
        var note = new AttemptObserver.CallNote();
        message.Options.Set(AttemptObserver.NoteKey, note);
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(WebhookHttp.ClientName).SendAsync(message, cancellationToken);
        }
        catch (OutboundRefusedException e)
        {
            // The URL's host is or resolves to an address we never call: asking again will not change that.
            LogRefusedAddress(logger, message.Method, idempotencyKey, e.Host, e.Kind);
            return (PublishResult.Terminal(e.Message), null);
        }
        catch (Exception e) when (e is TimeoutRejectedException or HttpRequestException or OperationCanceledException
                                  && !cancellationToken.IsCancellationRequested)
        {
            LogCallFailed(logger, e, message.Method, idempotencyKey, note.MayHaveReached);
            var why = e is TimeoutRejectedException ? "no answer in time" : e.Message;
            return (note.MayHaveReached
                ? PublishResult.Unknown($"webhook {message.Method}: {why}; the call may have been received")
                : PublishResult.Transient($"webhook {message.Method}: {why}"), null);
        }

        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound && message.Method == HttpMethod.Get)
        {
            return (null, response);
        }
        using (response)
        {
            // The answer's body and reason phrase are the publisher's words: they go to our log, never to the agency.
            var status = (int)response.StatusCode;
            LogRefused(logger, message.Method, idempotencyKey, status);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                LogRefusalBody(logger, message.Method, idempotencyKey, status, await ExcerptAsync(response, cancellationToken));
            }
            var error = $"webhook {message.Method} answered {status}: {WebhookStatus.Describe(response.StatusCode)}";
            return (IsTransient(response.StatusCode) ? PublishResult.Transient(error) : PublishResult.Terminal(error), null);
        }
    }

    private async Task<PublishResult?> ReadAnswerAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        using (response)
        {
            WebhookAnswer? answer;
            try
            {
                answer = await response.Content.ReadFromJsonAsync<WebhookAnswer>(Json, cancellationToken);
            }
            catch (JsonException)
            {
                answer = null;
            }
            return answer?.PlatformPostId is { Length: > 0 } postId
                ? PublishResult.Published(postId, answer.PublishedAt ?? clock.GetUtcNow())
                : null;
        }
    }

    private static PublishResult NoPost(HttpResponseMessage response) =>
        PublishResult.Terminal($"webhook answered {(int)response.StatusCode} without a platformPostId");

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return text.Length <= LoggedBodyLength ? text : text[..LoggedBodyLength] + "…";
        }
        catch (HttpRequestException)
        {
            return "(no body)";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Method} for {IdempotencyKey} failed; may have been received: {MayHaveReached}")]
    private static partial void LogCallFailed(ILogger logger, Exception exception, HttpMethod method, string idempotencyKey, bool mayHaveReached);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Method} for {IdempotencyKey} answered {Status}")]
    private static partial void LogRefused(ILogger logger, HttpMethod method, string idempotencyKey, int status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook {Method} for {IdempotencyKey} answered {Status} with: {Body}")]
    private static partial void LogRefusalBody(ILogger logger, HttpMethod method, string idempotencyKey, int status, string body);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Method} for {IdempotencyKey} not sent: {Host} is or resolves to a {Kind} address")]
    private static partial void LogRefusedAddress(ILogger logger, HttpMethod method, string idempotencyKey, string host, string kind);
}
