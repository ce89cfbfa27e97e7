using System.Net;

namespace Campaigns.Connectors.Webhook;

/// <summary>
/// Our own words for a publisher's failing status code. A push's <c>lastError</c> is shown to the agency, so it says
/// what the status means rather than quoting whatever the publisher sent with it.
/// </summary>
internal static class WebhookStatus
{
    public static string Describe(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => "the publisher rejected the request",
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "the publisher refused the signature or the account",
        HttpStatusCode.NotFound => "nothing answers at the webhook URL",
        HttpStatusCode.RequestTimeout => "the publisher timed out",
        HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity => "the publisher could not take the post",
        HttpStatusCode.TooManyRequests => "the publisher is limiting calls",
        >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest => "the publisher redirected, and redirects are not followed",
        >= HttpStatusCode.InternalServerError => "the publisher failed",
        _ => "the publisher refused the request",
    };
}
