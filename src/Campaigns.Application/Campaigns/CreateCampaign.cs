using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Campaigns.Application.Common;
using Campaigns.Application.Rules;
using Campaigns.Application.Waves;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Brands;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Storage.Accounts;
using Campaigns.Storage.Products;
using Campaigns.Storage.Videos;
using FluentValidation;
using Mediator;

namespace Campaigns.Application.Campaigns;

/// <summary>Create a campaign as a draft (<c>POST /v1/campaigns</c>).</summary>
public sealed record CreateCampaign(
    string? Name,
    string? Brand,
    string? Goal,
    string? TimeZone,
    List<string>? ProductIds,
    List<string>? VideoIds,
    StrategyInput? Strategy,
    List<RuleInput>? Rules) : ICommand<Outcome<CampaignView>>
{
    /// <summary>The calling agency; set by the gateway.</summary>
    [JsonIgnore]
    public string AgencyId { get; init; } = "";
}

public sealed partial class CreateCampaignValidator : AbstractValidator<CreateCampaign>
{
    /// <summary>The strategy kinds the API accepts.</summary>
    public static readonly string[] StrategyKinds = ["matrix", TieInStrategyRules.Kind, "exchange"];

    public const int MaxNameLength = 200, MaxGoalLength = 1000, MaxAccounts = 10_000, MaxVideos = 100, MaxStaggerSeconds = 24 * 60 * 60, MaxStaggerMilliseconds = MaxStaggerSeconds * 1000, MaxPostsPerAccount = 10;

    public CreateCampaignValidator(ProductStore products, VideoStore videos, AccountStore accounts)
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(MaxNameLength);
        RuleFor(c => c.Brand).MaximumLength(Application.Accounts.AccountInputRules.MaxBrandLength);
        RuleFor(c => c.Goal).MaximumLength(MaxGoalLength);
        RuleFor(c => c.TimeZone).NotEmpty().IanaTimeZone();
        RuleFor(c => c.ProductIds).Must(ids => ids is null || ids.Count <= ListRules.MaxProductsPerVideo)
            .WithMessage($"At most {ListRules.MaxProductsPerVideo} products.")
            .CustomAsync((ids, ctx, ct) => KnownIds(ids, "productIds", ctx, (a, i) => products.ExistingIdsAsync(a, i, ct)));
        RuleFor(c => c.VideoIds).Must(ids => ids is null || ids.Count <= MaxVideos).WithMessage($"At most {MaxVideos} videos.")
            .CustomAsync(async (ids, ctx, ct) => await KnownIds(ids, "videoIds", ctx, async (a, i) => (await videos.DocumentsAsync(a, i, ct)).Keys.ToHashSet()));

        RuleFor(c => c.Strategy).NotNull();
        When(c => c.Strategy is not null, () =>
        {
            RuleFor(c => c.Strategy!.Kind).NotEmpty()
                .Must(k => k is null || StrategyKinds.Contains(k)).WithMessage($"Must be one of: {string.Join(", ", StrategyKinds)}.");
            RuleFor(c => c.Strategy!.StartAt).NotEmpty()
                .Must(s => s is null || TryParseInstant(s, out _)).WithMessage("Must be an ISO-8601 instant with an offset, such as 2026-12-01T20:00:00+08:00.");
            RuleFor(c => c.Strategy!.StaggerSeconds).InclusiveBetween(0, MaxStaggerSeconds);
            RuleFor(c => c.Strategy!.StaggerMilliseconds).InclusiveBetween(0, MaxStaggerMilliseconds);
            RuleFor(c => c.Strategy!.StaggerMilliseconds).Null().When(c => c.Strategy!.StaggerSeconds is not null)
                .WithMessage("Give the stagger in staggerSeconds or in staggerMilliseconds, not both.");
            RuleFor(c => c.Strategy!.PostsPerAccount).InclusiveBetween(1, MaxPostsPerAccount);
            RuleFor(c => c.Strategy!.VideoIds).Must(ids => ids is null || ids.Count <= MaxVideos).WithMessage($"At most {MaxVideos} videos.")
                .CustomAsync(async (ids, ctx, ct) => await KnownIds(ids, "strategy.videoIds", ctx, async (a, i) => (await videos.DocumentsAsync(a, i, ct)).Keys.ToHashSet()));
            RuleFor(c => c).Must(c => (c.Strategy!.VideoIds?.Count ?? 0) + (c.VideoIds?.Count ?? 0) > 0)
                .WithName("strategy.videoIds").OverridePropertyName("strategy.videoIds").WithMessage("Give at least one video, here or in videoIds.");
            RuleFor(c => c.Strategy!.Accounts).NotNull()
                .Must(a => a is null || (a.Ids is null) != (a.Selector is null)).WithMessage("Give either ids or a selector.")
                .Unless(TieInStrategyRules.IsTieIn);
            When(c => c.Strategy!.Accounts?.Ids is not null, () =>
                RuleFor(c => c.Strategy!.Accounts!.Ids).Must(ids => ids!.Count is > 0 and <= MaxAccounts).WithMessage($"Give 1 to {MaxAccounts} account ids.")
                    .CustomAsync(async (ids, ctx, ct) => await KnownIds(ids, "strategy.accounts.ids", ctx, async (a, i) => (await accounts.DocumentsAsync(a, i, ct)).Keys.ToHashSet())));
            When(c => c.Strategy!.Accounts?.Selector is not null, () =>
            {
                RuleForEach(c => c.Strategy!.Accounts!.Selector!.Platforms).OneOf<CreateCampaign, Platform>();
                RuleForEach(c => c.Strategy!.Accounts!.Selector!.Kinds).OneOf<CreateCampaign, AccountKind>();
                RuleFor(c => c.Strategy!.Accounts!.Selector!.Tags).TagList(ListRules.MaxTags);
                RuleFor(c => c.Strategy!.Accounts!.Selector!.TopByAffinity).InclusiveBetween(1, MaxAccounts);
            });
        });
        Include(new TieInStrategyRules(accounts));
    }

    /// <summary>Parses an instant that states its offset; "2026-12-01T20:00:00" alone is ambiguous and refused.</summary>
    public static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        instant = default;
        return ExplicitOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    internal static async Task KnownIds(List<string>? ids, string field, ValidationContext<CreateCampaign> context, Func<string, IReadOnlyCollection<string>, Task<IReadOnlySet<string>>> known)
    {
        if (ids is not { Count: > 0 and <= MaxAccounts })
        {
            return;
        }
        var found = await known(context.InstanceToValidate.AgencyId, ids);
        for (var i = 0; i < ids.Count; i++)
        {
            if (!found.Contains(ids[i]))
            {
                context.AddFailure($"{field}[{i}]", $"Unknown id '{ids[i]}'.");
            }
        }
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitOffset();
}

public sealed class CreateCampaignHandler(IGrainFactory grains, TimeProvider clock) : ICommandHandler<CreateCampaign, Outcome<CampaignView>>
{
    public async ValueTask<Outcome<CampaignView>> Handle(CreateCampaign command, CancellationToken cancellationToken)
    {
        var id = Ids.New(CampaignLookup.Prefix, clock);
        var s = command.Strategy!;
        CreateCampaignValidator.TryParseInstant(s.StartAt!, out var startAt);
        var videoIds = (command.VideoIds ?? []).Distinct().ToList();
        var strategyVideos = s.VideoIds is { Count: > 0 } given ? given.Distinct().ToList() : videoIds;
        var definition = new CampaignDefinition(
            command.Name!.Trim(), command.Brand?.Trim(), command.Goal, command.TimeZone!,
            (command.ProductIds ?? []).Distinct().ToList(), videoIds.Union(strategyVideos).ToList(),
            new MatrixStrategy(
                TieInDefinitions.Celebrities(s) ?? s.Accounts!.ToAccountSet(),
                strategyVideos, startAt, s.StaggerSeconds ?? 0, s.PostsPerAccount ?? 1, s.StaggerMilliseconds),
            Kind: s.Kind == "exchange" ? StrategyKind.Exchange : StrategyKind.Matrix,
            Rules: RuleInputs.ToRules(command.Rules));
        definition = TieInDefinitions.Complete(definition, s);
        if (definition.Brand is { Length: > 0 } brand)
        {
            // Registered with its brand before it exists, so a freeze never misses it (one that never gets created is
            // forgotten by the next freeze). Not inside the campaign grain: a freeze in progress may be waiting on it.
            await grains.GetGrain<IBrandGrain>(GrainKeys.For(command.AgencyId, brand)).Register(id);
        }
        var outcome = await grains.GetGrain<ICampaignGrain>(GrainKeys.For(command.AgencyId, id)).Create(definition);
        return outcome.Map(c => CampaignView.From(c, ProgressView.From(0, new Dictionary<global::Campaigns.Domain.Pushes.PushStatus, int>())));
    }
}
