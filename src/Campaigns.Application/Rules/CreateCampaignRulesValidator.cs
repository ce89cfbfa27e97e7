
using Campaigns.Application.Campaigns;
using Campaigns.Application.Common;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Rules;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Rules;
using Campaigns.Storage.Accounts;
using FluentValidation;
namespace Campaigns.Application.Rules;

/// <summary>
/// The automation rules of a new campaign (<c>rules[i].when.*</c>, <c>rules[i].then.*</c>). A validator of its own:
/// the validation behaviour runs every validator of a request, so this needs no hook in <see cref="CreateCampaignValidator"/>.
/// </summary>
public sealed class CreateCampaignRulesValidator : AbstractValidator<CreateCampaign>
{
    public CreateCampaignRulesValidator(AccountStore accounts)
    {
        RuleFor(c => c.Rules).Must(r => r is null || r.Count <= RuleCondition.MaxRules).WithMessage($"At most {RuleCondition.MaxRules} rules.");
        When(c => c.Rules is { Count: <= RuleCondition.MaxRules }, () =>
            RuleForEach(c => c.Rules).NotNull().SetValidator(new RuleInputValidator(accounts)));
    }

    /// <summary>Hands the calling agency to the child validators, which check account ids against it.</summary>
    protected override bool PreValidate(ValidationContext<CreateCampaign> context, FluentValidation.Results.ValidationResult result)
    {
        context.RootContextData[AccountSetInputValidator.AgencyKey] = context.InstanceToValidate.AgencyId;
        return true;
    }
}

/// <summary>One rule; failures are named from the rule (<c>when.atLeast</c>), the parent adds <c>rules[i].</c>.</summary>
public sealed class RuleInputValidator : AbstractValidator<RuleInput>
{
    public RuleInputValidator(AccountStore accounts)
    {
        RuleFor(r => r.When).NotNull();
        When(r => r.When is not null, () =>
        {
            RuleFor(r => r.When!.Metric).NotEmpty()
                .Must(m => m is null || RuleWords.TryParse(m, out RuleMetric _)).WithMessage($"Must be one of: {string.Join(", ", RuleWords.Metrics)}.");
            RuleFor(r => r.When!.AtLeast).NotNull().When(r => r.When!.AtMost is null).WithMessage("Give atLeast or atMost.");
            RuleFor(r => r.When!.AtMost).Null().When(r => r.When!.AtLeast is not null).WithMessage("Give atLeast or atMost, not both.");
            RuleFor(r => r.When!.AtLeast).Must((r, t) => Threshold(r.When!.Metric, t)).WithMessage(ThresholdMessage);
            RuleFor(r => r.When!.AtMost).Must((r, t) => Threshold(r.When!.Metric, t)).WithMessage(ThresholdMessage);
            RuleFor(r => r.When!.WithinMinutes).NotNull()
                .Must(w => w is null || (w > 0 && w <= RuleCondition.MaxWithinMinutes))
                .WithMessage($"Must be more than 0 and at most {RuleCondition.MaxWithinMinutes} (a week); decimals are allowed.");
            RuleFor(r => r.When!.MinSample)
                .Must((r, n) => n is null || !RuleWords.TryParse(r.When!.Metric, out RuleMetric m) || RuleMetrics.IsRate(m))
                .WithMessage("Only a rate (engagementRate, conversionRate) takes minSample: the views or clicks it needs first.")
                .InclusiveBetween(1, MaxSample).When(r => r.When!.MinSample is not null);
        });

        RuleFor(r => r.Then).NotNull();
        When(r => r.Then is not null, () =>
        {
            RuleFor(r => r.Then!.Action).NotEmpty()
                .Must(a => a is null || RuleWords.TryParse(a, out RuleAction _)).WithMessage($"Must be one of: {string.Join(", ", RuleWords.Actions)}.");
            When(r => r.Then!.Action == RuleWords.Of(RuleAction.StopAccount), () =>
                RuleFor(r => r.Then!.Accounts).Null().WithMessage("stopAccount acts on the account of the push that met the rule; leave accounts out."));
            When(r => r.Then!.Action == RuleWords.Of(RuleAction.Amplify), () =>
                RuleFor(r => r.Then!.Accounts).NotNull().WithMessage("amplify needs the accounts to amplify to: ids or a selector.")
                    .SetValidator(new AccountSetInputValidator(accounts)!));
        });
    }

    private const string ThresholdMessage = "Must be a number from 0 (rates: from 0 to 1).";

    /// <summary>The largest <c>minSample</c>: a billion views.</summary>
    public const long MaxSample = 1_000_000_000;

    /// <summary>A threshold: finite, not negative, and at most 1 for a rate.</summary>
    private static bool Threshold(string? metric, double? value) =>
        value is not { } v || (double.IsFinite(v) && v >= 0 && (!RuleWords.TryParse(metric, out RuleMetric m) || !RuleMetrics.IsRate(m) || v <= 1));
}

/// <summary>An account set: the rules of <c>strategy.accounts</c> (ids of this agency, or a selector) for a rule's accounts.</summary>
public sealed class AccountSetInputValidator : AbstractValidator<AccountSetInput>
{
    public AccountSetInputValidator(AccountStore accounts)
    {
        RuleFor(a => a).Must(a => (a.Ids is null) != (a.Selector is null)).WithMessage("Give either ids or a selector.").OverridePropertyName("");
        When(a => a.Ids is not null, () =>
            RuleFor(a => a.Ids).Must(ids => ids!.Count is > 0 and <= CreateCampaignValidator.MaxAccounts)
                .WithMessage($"Give 1 to {CreateCampaignValidator.MaxAccounts} account ids.")
                .CustomAsync(async (ids, context, ct) =>
                {
                    if (ids is not { Count: > 0 and <= CreateCampaignValidator.MaxAccounts } || !context.RootContextData.TryGetValue(AgencyKey, out var agency) || agency is not string agencyId)
                    {
                        return;
                    }
                    var found = await accounts.DocumentsAsync(agencyId, ids, ct);
                    for (var i = 0; i < ids.Count; i++)
                    {
                        if (!found.ContainsKey(ids[i]))
                        {
                            context.AddFailure($"ids[{i}]", $"Unknown id '{ids[i]}'.");
                        }
                    }
                }));
        When(a => a.Selector is not null, () =>
        {
            RuleForEach(a => a.Selector!.Platforms).OneOf<AccountSetInput, Platform>();
            RuleForEach(a => a.Selector!.Kinds).OneOf<AccountSetInput, AccountKind>();
            RuleFor(a => a.Selector!.Tags).TagList(ListRules.MaxTags);
            RuleFor(a => a.Selector!.TopByAffinity).InclusiveBetween(1, CreateCampaignValidator.MaxAccounts);
        });
    }

    /// <summary>The key under which the calling agency travels in the validation context's root data.</summary>
    public const string AgencyKey = "agencyId";
}
