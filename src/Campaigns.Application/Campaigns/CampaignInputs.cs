namespace Campaigns.Application.Campaigns;

/// <summary>An account selector as clients send it.</summary>
public sealed record SelectorInput(string? Brand, List<string>? Platforms, List<string>? Kinds, List<string>? Tags, int? TopByAffinity);

/// <summary>An account set: explicit ids or a selector, not both.</summary>
public sealed record AccountSetInput(List<string>? Ids, SelectorInput? Selector);

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
