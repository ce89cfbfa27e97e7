
using Campaigns.Application.Campaigns;
using Campaigns.Application.Common;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Storage.Accounts;
using FluentValidation;
namespace Campaigns.Application.Waves;

/// <summary>
/// The rules of a <c>celebrityTieIn</c> strategy, included by <see cref="CreateCampaignValidator"/>. Wave errors are
/// named by their JSON path, e.g. <c>strategy.waves[0].gate.minViews</c> or <c>strategy.waves[1].accounts.ids[2]</c>.
/// A strategy of another kind may carry neither <c>celebrityAccountIds</c> nor <c>waves</c>.
/// </summary>
public sealed class TieInStrategyRules : AbstractValidator<CreateCampaign>
{
    /// <summary>The strategy kind, as the API spells it.</summary>
    public const string Kind = "celebrityTieIn";

    public const int MaxCelebrities = 100, MaxWaves = 10;

    /// <summary>The longest a gate may wait: seven days, in minutes.</summary>
    public const double MaxWaitMinutes = 7 * 24 * 60;

    public static bool IsTieIn(CreateCampaign command) => command.Strategy?.Kind == Kind;

    public TieInStrategyRules(AccountStore accounts)
    {
        When(c => c.Strategy is not null && !IsTieIn(c), () =>
        {
            RuleFor(c => c.Strategy!.CelebrityAccountIds).Null().WithMessage($"Only a {Kind} strategy names celebrities.");
            RuleFor(c => c.Strategy!.Waves).Null().WithMessage($"Only a {Kind} strategy has waves.");
        });
        When(IsTieIn, () =>
        {
            RuleFor(c => c.Strategy!.Accounts).Null()
                .WithMessage("A tie-in names its celebrities in celebrityAccountIds and each later wave's accounts in waves[].accounts.");
            RuleFor(c => c.Strategy!.PostsPerAccount).Equal(1).When(c => c.Strategy!.PostsPerAccount is not null)
                .WithMessage("In a tie-in every account posts once.");
            RuleFor(c => c.Strategy!.CelebrityAccountIds).NotNull()
                .Must(ids => ids is null || ids.Count is > 0 and <= MaxCelebrities).WithMessage($"Give 1 to {MaxCelebrities} celebrity account ids.")
                .CustomAsync((ids, ctx, ct) => CreateCampaignValidator.KnownIds(ids, "strategy.celebrityAccountIds", ctx,
                    async (a, i) => (await accounts.DocumentsAsync(a, i, ct)).Keys.ToHashSet()));
            RuleFor(c => c.Strategy!.Waves).NotNull()
                .Must(w => w is null || w.Count is > 0 and <= MaxWaves).WithMessage($"Give 1 to {MaxWaves} waves after the celebrity wave.");
            RuleFor(c => c.Strategy!.Waves).CustomAsync(async (waves, ctx, ct) =>
            {
                for (var i = 0; i < Math.Min(waves?.Count ?? 0, MaxWaves); i++)
                {
                    await CheckWaveAsync(waves![i], $"strategy.waves[{i}]", ctx, accounts, ct);
                }
            });
        });
    }

    private static async Task CheckWaveAsync(WaveInput? wave, string path, ValidationContext<CreateCampaign> context, AccountStore accounts, CancellationToken ct)
    {
        if (wave is null)
        {
            context.AddFailure(path, "Give the wave's accounts, stagger and gate.");
            return;
        }
        if (wave.Accounts is not { } set || (set.Ids is null) == (set.Selector is null))
        {
            context.AddFailure($"{path}.accounts", "Give either ids or a selector.");
        }
        else if (set.Ids is { } ids)
        {
            if (ids.Count is 0 or > CreateCampaignValidator.MaxAccounts)
            {
                context.AddFailure($"{path}.accounts.ids", $"Give 1 to {CreateCampaignValidator.MaxAccounts} account ids.");
            }
            await CreateCampaignValidator.KnownIds(ids, $"{path}.accounts.ids", context, async (a, i) => (await accounts.DocumentsAsync(a, i, ct)).Keys.ToHashSet());
        }
        else
        {
            CheckSelector(set.Selector!, $"{path}.accounts.selector", context);
        }
        if (wave.StaggerSeconds is < 0 or > CreateCampaignValidator.MaxStaggerSeconds)
        {
            context.AddFailure($"{path}.staggerSeconds", $"Must be between 0 and {CreateCampaignValidator.MaxStaggerSeconds}.");
        }
        CheckGate(wave.Gate, $"{path}.gate", context);
    }

    private static void CheckSelector(SelectorInput selector, string path, ValidationContext<CreateCampaign> context)
    {
        for (var i = 0; i < (selector.Platforms?.Count ?? 0); i++)
        {
            if (!WireName<Platform>.TryParse(selector.Platforms![i], out _))
            {
                context.AddFailure($"{path}.platforms[{i}]", $"Must be one of: {string.Join(", ", WireName<Platform>.All)}.");
            }
        }
        for (var i = 0; i < (selector.Kinds?.Count ?? 0); i++)
        {
            if (!WireName<AccountKind>.TryParse(selector.Kinds![i], out _))
            {
                context.AddFailure($"{path}.kinds[{i}]", $"Must be one of: {string.Join(", ", WireName<AccountKind>.All)}.");
            }
        }
        if (selector.Tags is { } tags && (tags.Count > ListRules.MaxTags || !tags.All(t => t is not null && Tags.Normalize(t) is { Length: > 0 and <= Tags.MaxLength })))
        {
            context.AddFailure($"{path}.tags", $"At most {ListRules.MaxTags} tags, each 1 to {Tags.MaxLength} characters after trimming.");
        }
        if (selector.TopByAffinity is < 1 or > CreateCampaignValidator.MaxAccounts)
        {
            context.AddFailure($"{path}.topByAffinity", $"Must be between 1 and {CreateCampaignValidator.MaxAccounts}.");
        }
    }

    private static void CheckGate(GateInput? gate, string path, ValidationContext<CreateCampaign> context)
    {
        if (gate is null)
        {
            context.AddFailure(path, "Give the gate that releases the wave: minViews and/or minEngagementRate, and maxWaitMinutes.");
            return;
        }
        if (gate.MinViews is null && gate.MinEngagementRate is null)
        {
            context.AddFailure(path, "Give minViews, minEngagementRate or both.");
        }
        if (gate.MinViews is < 1)
        {
            context.AddFailure($"{path}.minViews", "Must be at least 1.");
        }
        if (gate.MinEngagementRate is { } rate && !(rate > 0 && rate <= 1))
        {
            context.AddFailure($"{path}.minEngagementRate", "Must be greater than 0 and at most 1.");
        }
        if (gate.MaxWaitMinutes is not { } wait)
        {
            context.AddFailure($"{path}.maxWaitMinutes", "Give how long to wait for the gate, in minutes (decimals allowed).");
        }
        else if (!(wait > 0 && wait <= MaxWaitMinutes))
        {
            context.AddFailure($"{path}.maxWaitMinutes", $"Must be greater than 0 and at most {MaxWaitMinutes} (7 days).");
        }
        if (gate.OnTimeout is { } onTimeout && !WireName<GateTimeout>.TryParse(onTimeout, out _))
        {
            context.AddFailure($"{path}.onTimeout", $"Must be one of: {string.Join(", ", WireName<GateTimeout>.All)}.");
        }
    }
}
