using Campaigns.Connectors.Outbound;

namespace Campaigns.Connectors.Webhook;

/// <summary>
/// Sits inside the retry pipeline and notes, per call, whether any attempt may have reached the receiver: only a
/// failure to connect proves it did not. The connector reads the note to tell "not sent" from "no answer".
/// </summary>
internal sealed class AttemptObserver : DelegatingHandler
{
    /// <summary>The request option holding the call's note (shared by the snapshots the retries send).</summary>
    public static readonly HttpRequestOptionsKey<CallNote> NoteKey = new("Campaigns.Webhook.CallNote");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.TryGetValue(NoteKey, out var note);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            note?.MarkReached();
            return response;
        }
        catch (Exception e)
        {
            // Timeouts, dropped connections and broken answers all happen after the request may have gone out.
            if (e is not OutboundRefusedException && (e is not HttpRequestException failure || !NeverSent(failure)))
            {
                note?.MarkReached();
            }
            throw;
        }
    }

    private static bool NeverSent(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;

    /// <summary>Whether some attempt of a call may have been received.</summary>
    internal sealed class CallNote
    {
        private int _reached;

        public bool MayHaveReached => Volatile.Read(ref _reached) == 1;

        public void MarkReached() => Volatile.Write(ref _reached, 1);
    }
}
