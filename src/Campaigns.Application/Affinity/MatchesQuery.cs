using Campaigns.Application.Common;
using Campaigns.Domain.Accounts;
using FluentValidation;

namespace Campaigns.Application.Affinity;

/// <summary>The accounts that fit a product or video best: <c>{ "items": [ { "accountId", "score", "followers" } ] }</c>.</summary>
public sealed record MatchView(string AccountId, double Score, long Followers);

/// <summary>A ranking response.</summary>
public sealed record MatchList(IReadOnlyList<MatchView> Items);

/// <summary>Defaults of the matches queries.</summary>
public static class MatchesQuery
{
    public const int DefaultLimit = 10;
}

/// <summary>Shared shape and rules of the two matches queries.</summary>
public interface IMatchesQuery
{
    int? Limit { get; }
    string? Platform { get; }
    string? Kind { get; }
}

/// <summary>Validates limit (1–500, default <see cref="MatchesQuery.DefaultLimit"/>), platform and kind of a matches query.</summary>
public abstract class MatchesQueryValidator<T> : AbstractValidator<T> where T : IMatchesQuery
{
    protected MatchesQueryValidator()
    {
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Platform).OneOf<T, Platform>();
        RuleFor(q => q.Kind).OneOf<T, AccountKind>();
    }
}
