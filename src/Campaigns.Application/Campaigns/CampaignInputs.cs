
using Campaigns.Application.Waves;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Campaigns;
namespace Campaigns.Application.Campaigns;

/// <summary>An account selector as clients send it.</summary>
public sealed record SelectorInput(string? Brand, List<string>? Platforms, List<string>? Kinds, List<string>? Tags, int? TopByAffinity);

/// <summary>An account set: explicit ids or a selector, not both.</summary>
public sealed record AccountSetInput(List<string>? Ids, SelectorInput? Selector)
{
    /// <summary>The set as stored: ids without duplicates, or a selector with parsed platforms and kinds and normalised tags. Call only once validated.</summary>
    public AccountSet ToAccountSet() => new(
        Ids?.Distinct().ToList(),
        Selector is { } sel
            ? new AccountSelector(
                sel.Brand?.Trim(),
                (sel.Platforms ?? []).Select(WireName<Platform>.Parse).Distinct().ToList(),
                (sel.Kinds ?? []).Select(WireName<AccountKind>.Parse).Distinct().ToList(),
                Tags.NormalizeList(sel.Tags),
                sel.TopByAffinity)
            : null);
}

/// <summary>
/// A strategy as clients send it: <c>matrix</c>, <c>exchange</c> (whose accounts are the pool the matcher pairs) or
/// <c>celebrityTieIn</c>. The stagger is given in whole seconds or in milliseconds, not both; neither means 0.
/// A <c>celebrityTieIn</c> names its celebrities (wave 0) in <see cref="CelebrityAccountIds"/> instead of
/// <see cref="Accounts"/>, and its later waves in <see cref="Waves"/>.
/// </summary>
public sealed record StrategyInput(
    string? Kind,
    AccountSetInput? Accounts,
    List<string>? VideoIds,
    string? StartAt,
    int? StaggerSeconds,
    int? PostsPerAccount,
    int? StaggerMilliseconds = null,
    List<string>? CelebrityAccountIds = null,
    List<WaveInput?>? Waves = null);
