namespace Campaigns.Application.Common;

/// <summary>A request failed validation; nothing was changed. The gateway answers 400 with <see cref="Errors"/>.</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request is invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    /// <summary>Messages per field, keyed by the field's JSON path (<c>caps.quietHours.from</c>).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>One failing field.</summary>
    public static RequestValidationException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}
