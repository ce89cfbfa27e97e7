using System.Text.Json.Serialization;
using Campaigns.Application.Campaigns;
using Campaigns.Application.Common;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Domain.Exchanges;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Storage.Accounts;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Exchanges;

/// <summary>
/// Propose fair exchange pairs among an account set (<c>POST /v1/exchanges/match</c>); changes nothing. The rules
/// default to the <c>Campaigns:Exchanges</c> settings and may be tightened or loosened per request.
/// </summary>
public sealed record MatchExchanges(AccountSetInput? Accounts, double? MinSimilarity, double? MinReachRatio) : IQuery<Outcome<MatchView>>
{
    [JsonIgnore]
    public string AgencyId { get; init; } = "";
}

/// <summary>A proposed pair: A (the smaller id) and B, how alike and how comparable they are, and what each would earn.</summary>
public sealed record ProposalView(string AccountA, string AccountB, double Score, double Similarity, double ReachRatio, long CreditsA, long CreditsB);

/// <summary>An account left unpaired, and why.</summary>
public sealed record UnpairedView(string AccountId, string Reason);

/// <summary>The proposals, best first, the accounts left unpaired, and the rules applied.</summary>
public sealed record MatchView(IReadOnlyList<ProposalView> Proposals, IReadOnlyList<UnpairedView> Unpaired, double MinSimilarity, double MinReachRatio, long CreditLimit);

public sealed class MatchExchangesValidator : AbstractValidator<MatchExchanges>
{
    public MatchExchangesValidator(AccountStore accounts)
    {
        RuleFor(m => m.Accounts).NotNull()
            .Must(a => a is null || (a.Ids is null) != (a.Selector is null)).WithMessage("Give either ids or a selector.");
        RuleFor(m => m.MinSimilarity).InclusiveBetween(0, 1);
        RuleFor(m => m.MinReachRatio).InclusiveBetween(0, 1);
        When(m => m.Accounts?.Ids is not null, () =>
            RuleFor(m => m.Accounts!.Ids).Must(ids => ids!.Count is >= 2 and <= ExchangeMatcher.MaxPool)
                .WithMessage($"Give 2 to {ExchangeMatcher.MaxPool} account ids.")
                .CustomAsync(async (ids, ctx, ct) =>
                {
                    if (ids is not { Count: >= 2 and <= ExchangeMatcher.MaxPool })
                    {
                        return;
                    }
                    var found = await accounts.DocumentsAsync(ctx.InstanceToValidate.AgencyId, ids, ct);
                    for (var i = 0; i < ids.Count; i++)
                    {
                        if (!found.ContainsKey(ids[i]))
                        {
                            ctx.AddFailure($"accounts.ids[{i}]", $"Unknown id '{ids[i]}'.");
                        }
                    }
                }));
        When(m => m.Accounts?.Selector is not null, () =>
        {
            RuleForEach(m => m.Accounts!.Selector!.Platforms).OneOf<MatchExchanges, Platform>();
            RuleForEach(m => m.Accounts!.Selector!.Kinds).OneOf<MatchExchanges, AccountKind>();
            RuleFor(m => m.Accounts!.Selector!.Tags).TagList(ListRules.MaxTags);
            RuleFor(m => m.Accounts!.Selector!.TopByAffinity).Null()
                .WithMessage("topByAffinity ranks accounts against a campaign's content; a match has none. Use brand, platforms, kinds and tags.");
        });
    }
}

public sealed class MatchExchangesHandler(CampaignPlanning planning, IOptions<ExchangeOptions> options) : IQueryHandler<MatchExchanges, Outcome<MatchView>>
{
    public async ValueTask<Outcome<MatchView>> Handle(MatchExchanges query, CancellationToken cancellationToken)
    {
        var set = query.Accounts!;
        // The matcher ranks by its own score, so an affinity top-N has nothing to rank against here.
        var accounts = set.ToAccountSet();
        if (accounts.Selector is { } selector)
        {
            accounts = accounts with { Selector = selector with { TopByAffinity = null } };
        }
        var pool = await planning.ResolveAsync(query.AgencyId, accounts, [], [], cancellationToken);
        if (pool.Count > ExchangeMatcher.MaxPool)
        {
            return Outcome<MatchView>.Fail(ErrorKind.Unprocessable,
                $"The selector chose {pool.Count} accounts; the matcher pairs at most {ExchangeMatcher.MaxPool} at once. Narrow the selector.");
        }
        var (match, warnings) = await planning.MatchAsync(query.AgencyId, pool, query.MinSimilarity, query.MinReachRatio, cancellationToken);
        var settings = options.Value;
        var suspended = warnings.Where(w => w.Code == "account-suspended").Select(w => new UnpairedView(w.AccountId!, "suspended"));
        return Outcome<MatchView>.Ok(new MatchView(
            match.Proposals.Select(p => new ProposalView(p.AccountA, p.AccountB, Math.Round(p.Score, 4), Math.Round(p.Similarity, 4),
                Math.Round(p.ReachRatio, 4), p.Terms.CreditsA, p.Terms.CreditsB)).ToList(),
            [.. suspended, .. match.Unpaired.Select(u => new UnpairedView(u.AccountId, u.Reason))],
            query.MinSimilarity ?? settings.MinSimilarity, query.MinReachRatio ?? settings.MinReachRatio, settings.CreditLimit));
    }
}
