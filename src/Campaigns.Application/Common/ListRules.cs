using Campaigns.Domain.Common;
using FluentValidation;

namespace Campaigns.Application.Common;

/// <summary>Bounds on the lists a request may carry; documented in docs/api.md.</summary>
public static class ListRules
{
    public const int MaxTags = 30, MaxKeywords = 30, MaxTopics = 20, MaxProductsPerVideo = 20;

    /// <summary>At most <paramref name="max"/> items, each a tag of 1 to 64 characters after normalisation.</summary>
    public static IRuleBuilderOptions<T, List<string>?> TagList<T>(this IRuleBuilder<T, List<string>?> rule, int max) =>
        rule.Must(list => list is null || list.Count <= max).WithMessage($"At most {max} items.")
            .Must(list => list is null || list.All(t => t is not null && Tags.Normalize(t) is { Length: > 0 and <= Tags.MaxLength }))
            .WithMessage($"Every item must be 1 to {Tags.MaxLength} characters after trimming.");
}
