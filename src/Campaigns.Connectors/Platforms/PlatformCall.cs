using System.Net;
using System.Text.Json;
using Campaigns.Connectors.Outbound;
using Polly.Timeout;

namespace Campaigns.Connectors.Platforms;

/// <summary>
/// The result of sending one request: the answer (status and parsed JSON body), or why there is none and whether
/// the request may have reached the platform anyway (only a refused connection proves it did not).
/// </summary>
internal sealed record PlatformCall(HttpStatusCode? Status, JsonElement? Json, TimeSpan? RetryAfter, bool MayHaveReached, string? Error)
{
    /// <summary>The answer's headers, when there was an answer.</summary>
    public System.Net.Http.Headers.HttpResponseHeaders? Headers { get; init; }

    /// <summary>The first value of an answer header, or null.</summary>
    public string? Header(string name) =>
        Headers is not null && Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>True when the platform answered at all.</summary>
    public bool Answered => Status is not null;

    /// <summary>True for a 2xx answer.</summary>
    public bool IsSuccess => Status is { } status && (int)status is >= 200 and < 300;

    /// <summary>True when the outbound guard refused the address: nothing was sent, and retrying will not help.</summary>
    public bool OutboundRefused { get; init; }

    /// <summary>The failure of a call that got no answer: transient, or refused when the guard stopped it.</summary>
    public PlatformFailure NoAnswer() =>
        OutboundRefused ? new(FailureKind.Refused, "outbound_refused", Error ?? "refused")
        : new(FailureKind.Transient, "no_answer", Error ?? "no answer");

    /// <summary>Sends the request and reads a JSON answer (an unparsable body reads as null).</summary>
    public static async Task<PlatformCall> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return await ReadAsync(response, cancellationToken);
        }
        catch (OutboundRefusedException e)
        {
            return new PlatformCall(null, null, null, false, e.Message) { OutboundRefused = true };
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or IOException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Unanswered(e);
        }
    }

    /// <summary>POSTs a form (token endpoints) and reads the answer.</summary>
    public static async Task<PlatformCall> PostFormAsync(HttpClient http, Uri url, HttpContent form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
        return await SendAsync(http, request, cancellationToken);
    }

    /// <summary>Reads status, Retry-After and JSON body of an answer already received.</summary>
    public static async Task<PlatformCall> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        JsonElement? json = null;
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(bytes);
                json = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // Gateways answer HTML on errors; the status still classifies the call.
            }
        }
        return new PlatformCall(response.StatusCode, json, RetryAfterOf(response), true, null) { Headers = response.Headers };
    }

    /// <summary>A call that got no answer, and whether it may have reached the platform.</summary>
    public static PlatformCall Unanswered(Exception e)
    {
        var neverSent = e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError };
        return new PlatformCall(null, null, null, !neverSent, $"{e.GetType().Name}: {e.Message}");
    }

    /// <summary>The answer's Retry-After, as a delay.</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
}
