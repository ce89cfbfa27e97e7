using System.Text.Json.Serialization;
using Campaigns.Application.Rules;
using Campaigns.Application.Waves;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Storage.Campaigns;

namespace Campaigns.Application.Campaigns;

/// <summary>
/// Push counts by status; <c>scheduled</c> includes pushes being published right now; <c>unconfirmed</c> are waiting for
/// a person to resolve them.
/// </summary>
public sealed record ProgressView(int Planned, int Scheduled, int Published, int Failed, int Cancelled, int Skipped, int Unconfirmed)
{
    public static ProgressView From(int planned, IReadOnlyDictionary<PushStatus, int> counts) => new(
        planned,
        counts.GetValueOrDefault(PushStatus.Scheduled) + counts.GetValueOrDefault(PushStatus.Publishing),
        counts.GetValueOrDefault(PushStatus.Published),
        counts.GetValueOrDefault(PushStatus.Failed),
        counts.GetValueOrDefault(PushStatus.Cancelled),
        counts.GetValueOrDefault(PushStatus.Skipped),
        counts.GetValueOrDefault(PushStatus.Unconfirmed));
}

/// <summary>A selector as the API shows it.</summary>
public sealed record SelectorView(string? Brand, IReadOnlyList<string> Platforms, IReadOnlyList<string> Kinds, IReadOnlyList<string> Tags, int? TopByAffinity);

/// <summary>An account set as the API shows it.</summary>
public sealed record AccountSetView(IReadOnlyList<string>? Ids, SelectorView? Selector);

/// <summary>
/// A strategy as the API shows it. <see cref="StaggerSeconds"/> is what was given in seconds (0 when the stagger was
/// given in milliseconds); <see cref="StaggerMilliseconds"/> is always the effective stagger. A tie-in also shows its
/// celebrities (its <see cref="Accounts"/>, wave 0) and its later waves; other kinds leave both out.
/// </summary>
public sealed record StrategyView(string Kind, AccountSetView Accounts, IReadOnlyList<string> VideoIds, DateTimeOffset StartAt, int StaggerSeconds, int PostsPerAccount, long StaggerMilliseconds)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? CelebrityAccountIds { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<WaveView>? Waves { get; init; }
}

/// <summary>A campaign as the API shows it.</summary>
public sealed record CampaignView(
    string Id,
    string Name,
    string? Brand,
    string? Goal,
    string TimeZone,
    IReadOnlyList<string> ProductIds,
    IReadOnlyList<string> VideoIds,
    StrategyView Strategy,
    IReadOnlyList<RuleView> Rules,
    string Status,
    ProgressView? Progress,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LaunchedAt)
{
    public static CampaignView From(CampaignSnapshot c, ProgressView? progress)
    {
        var d = c.Definition;
        var s = d.Strategy;
        var accounts = new AccountSetView(
            s.Accounts.Ids,
            s.Accounts.Selector is { } sel
                ? new SelectorView(sel.Brand, sel.Platforms.Select(WireName<Platform>.Of).ToList(), sel.Kinds.Select(WireName<AccountKind>.Of).ToList(), sel.Tags, sel.TopByAffinity)
                : null);
        return new CampaignView(
            c.Id, d.Name, d.Brand, d.Goal, d.TimeZone, d.ProductIds, d.VideoIds,
            TieInViews.Complete(new StrategyView(d.Kind == StrategyKind.Exchange ? "exchange" : "matrix", accounts, s.VideoIds, s.StartAt, s.StaggerSeconds, s.PostsPerAccount, (long)s.Stagger.TotalMilliseconds), d),
            RuleView.ListFrom(d.Rules), WireName<CampaignStatus>.Of(c.Status), progress, c.CreatedAt, c.UpdatedAt, c.LaunchedAt);
    }
}
