namespace Campaigns.Gateway.OpenApi;

/// <summary>Why each error response can happen, in the words the API guide uses.</summary>
internal static class Reasons
{
    public const string NoKey = "No 'Authorization: Bearer <key>' header, or a key that is not valid (or was revoked).";
    public const string WrongKey = "The key may not use this operation: an agency key on an admin operation, or the admin key on an agency's.";
    public const string RateLimited = "The key made more requests than its rate allows (or, without a valid key, the client address did); nothing was done. Retry after 'Retry-After' seconds.";
    public const string AddressThrottled = "The client address made more requests without a valid key than its rate allows; nothing was done. Retry after 'Retry-After' seconds.";
    public const string BadBody = "The body is malformed, has a field of the wrong type or a field this request does not have.";
    public const string NotJson = "The body is not sent as application/json.";
    public const string TooLarge = "The body is larger than this operation accepts.";
    public const string BadParameter = "A query or path value is not of its declared type.";
    public const string LongIdempotencyKey = "The Idempotency-Key is longer than 255 characters.";
    public const string IdempotencyInProgress = "A request with the same Idempotency-Key is still being processed; retry shortly.";
    public const string IdempotencyMismatch = "The Idempotency-Key was already used with a different request.";
    public const string StorageDown = "The database cannot be reached; nothing was changed. Retry later.";

    /// <summary>The reason for a refusal the endpoint itself declared.</summary>
    public static string Declared(int status) => status switch
    {
        400 => "The input is invalid: 'errors' names each field at fault. Nothing was changed.",
        401 => "Not authenticated.",
        403 => "Forbidden.",
        404 => "No such resource in the calling agency (another agency's id answers the same).",
        409 => "The resource's current state does not allow this (the summary says when).",
        413 => TooLarge,
        415 => "The body's media type is not one this operation reads.",
        422 => "The request is valid but cannot be carried out (the summary says when).",
        _ => "Refused.",
    };
}
