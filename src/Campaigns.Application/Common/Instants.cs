using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;

namespace Campaigns.Application.Common;

/// <summary>
/// ISO-8601 instants as the API accepts them: a date, a time and an explicit offset (<c>Z</c> or <c>+08:00</c>).
/// A time without an offset is refused rather than read in the server's zone.
/// </summary>
public static partial class Instants
{
    /// <summary>Parses an instant with an offset. In a query string a '+' often arrives decoded as a space; it is put back.</summary>
    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (text is null)
        {
            return false;
        }
        var value = text.Trim().Replace(' ', '+');
        return Shape().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    /// <summary>The value, when given, must be an instant with an offset.</summary>
    public static IRuleBuilderOptions<T, string?> Instant<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || TryParse(v, out _))
            .WithMessage("Must be an ISO-8601 instant with an offset, such as 2026-11-27T10:00:00+08:00.");

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Shape();
}
