using Campaigns.Domain.Common;
using Campaigns.Domain.Outbound;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Common;

/// <summary>Validation rules shared by several requests.</summary>
public static class FieldRules
{
    /// <summary>The value must be one of the enum's API words.</summary>
    public static IRuleBuilderOptions<T, string?> OneOf<T, TEnum>(this IRuleBuilder<T, string?> rule)
        where TEnum : struct, Enum =>
        rule.Must(v => v is null || WireName<TEnum>.TryParse(v, out _))
            .WithMessage($"Must be one of: {string.Join(", ", WireName<TEnum>.All)}.");

    /// <summary>An IANA time-zone id such as Asia/Shanghai.</summary>
    public static IRuleBuilderOptions<T, string?> IanaTimeZone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || TimeZones.IsKnownIana(v))
            .WithMessage("Must be an IANA time-zone id such as Asia/Shanghai.");

    /// <summary>An absolute http or https URL.</summary>
    public static IRuleBuilderOptions<T, string?> HttpUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || (Uri.TryCreate(v, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            .WithMessage("Must be an absolute http or https URL.");

    /// <summary>
    /// A URL whose host we may call: not <c>localhost</c> and not a literal loopback, private, link-local or other
    /// refused address (see <see cref="OutboundAddresses"/>), unless <c>Campaigns:Outbound:AllowPrivateAddresses</c>.
    /// A host name passes here; what it resolves to is checked each time it is called.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> ReachableHost<T>(this IRuleBuilder<T, string?> rule, IOptionsMonitor<OutboundOptions> outbound) =>
        rule.Must(v => outbound.CurrentValue.AllowPrivateAddresses || HostRefusal(v) is null)
            .WithMessage((_, v) => $"Must not point at a {HostRefusal(v)} address: calls go only to public addresses.");

    /// <summary>A page size within the API's bounds.</summary>
    public static IRuleBuilderOptions<T, int?> PageLimit<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, PageCursor.MaxLimit).WithMessage($"Must be between 1 and {PageCursor.MaxLimit}.");

    private static string? HostRefusal(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? OutboundAddresses.HostRefusal(uri.Host) : null;

    /// <summary>A cursor this API handed out.</summary>
    public static IRuleBuilderOptions<T, string?> Cursor<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => PageCursor.TryDecode(c, out _)).WithMessage("Is not a cursor returned by this API.");

    /// <summary>A name that is present, not blank, and at most <paramref name="maxLength"/> characters.</summary>
    public static IRuleBuilderOptions<T, string?> RequiredName<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.NotEmpty().Must(n => n is null || n.Trim().Length > 0).WithMessage("Must not be blank.").MaximumLength(maxLength);
}
