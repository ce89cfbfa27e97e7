using System.Globalization;
using Campaigns.Application.Common;
using Campaigns.Connectors.Platforms;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Domain.Outbound;
using Campaigns.Grains.Abstractions.Accounts;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Accounts;

/// <summary>Rules and conversions shared by creating and patching an account.</summary>
public static class AccountInputRules
{
    public const int MaxHandleLength = 64, MaxDisplayNameLength = 100, MaxBrandLength = 64, MaxPersonaLength = 500;
    public const int MaxAudienceTags = 50, MinSecretLength = 16;
    public const long MaxFollowers = 10_000_000_000;

    private const string TimeFormat = "HH:mm";

    public static void DisplayName<T>(IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || v.Trim().Length > 0).WithMessage("Must not be blank.")
            .MaximumLength(MaxDisplayNameLength);

    public static void Brand<T>(IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || v.Trim().Length > 0).WithMessage("Must not be blank.")
            .MaximumLength(MaxBrandLength);

    public static void AudienceTags<T>(IRuleBuilder<T, Dictionary<string, double>?> rule) =>
        rule.Must(tags => tags is null || tags.Count <= MaxAudienceTags).WithMessage($"At most {MaxAudienceTags} tags.")
            .Must(tags => tags is null || tags.Keys.All(k => Tags.Normalize(k) is { Length: > 0 and <= Tags.MaxLength }))
            .WithMessage($"Every tag must be 1 to {Tags.MaxLength} characters after trimming.")
            .Must(tags => tags is null || tags.Values.All(w => w is >= 0 and <= 1 && double.IsFinite(w)))
            .WithMessage("Every weight must be between 0 and 1.");

    public static void Caps<T>(IRuleBuilder<T, CapsInput?> rule) => rule.SetValidator(new CapsInputValidator()!);

    public static void Connector<T>(IRuleBuilder<T, ConnectorInput?> rule, IOptionsMonitor<OutboundOptions> outbound, PlatformRegistry platforms) =>
        rule.SetValidator(new ConnectorInputValidator(outbound, platforms)!);

    public static Dictionary<string, double> ToTags(Dictionary<string, double>? tags) =>
        tags is null ? [] : new Dictionary<string, double>(Tags.NormalizeWeighted(tags), StringComparer.Ordinal);

    public static AccountCaps ToCaps(CapsInput? caps)
    {
        var defaults = PostingCaps.Default;
        return new AccountCaps(
            caps?.MaxPostsPerDay ?? defaults.MaxPostsPerDay,
            caps?.MinGapMinutes ?? defaults.MinGapMinutes,
            caps?.QuietHours is { From: { } from } ? ParseTime(from) : null,
            caps?.QuietHours is { To: { } to } ? ParseTime(to) : null);
    }

    public static AccountConnector ToConnector(ConnectorInput? connector) =>
        connector?.Type is null
            ? AccountConnector.Sandbox
            : new AccountConnector(WireName<ConnectorType>.Parse(connector.Type), connector.Url, connector.Secret);

    public static string? Trimmed(string? value) => value?.Trim();

    internal static bool BeTime(string? value) => value is null || TimeOnly.TryParseExact(value, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static TimeOnly ParseTime(string value) => TimeOnly.ParseExact(value, TimeFormat, CultureInfo.InvariantCulture);
}
