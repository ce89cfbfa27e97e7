
using Campaigns.Application.Campaigns;
using FluentValidation;
namespace Campaigns.Application.Exchanges;

/// <summary>
/// The rules an <c>exchange</c> strategy adds to <see cref="CreateCampaignValidator"/> (which runs beside this one):
/// a pool of at least two accounts, and one post per account — its partner's content.
/// </summary>
public sealed class ExchangeStrategyValidator : AbstractValidator<CreateCampaign>
{
    public ExchangeStrategyValidator()
    {
        When(c => c.Strategy?.Kind == "exchange", () =>
        {
            RuleFor(c => c.Strategy!.PostsPerAccount).Must(p => p is null or 1)
                .WithMessage("In an exchange each account posts once: its partner's content. Leave postsPerAccount out or give 1.");
            RuleFor(c => c.Strategy!.Accounts!.Ids).Must(ids => ids!.Distinct().Count() >= 2)
                .WithMessage("An exchange pairs accounts: give at least two.")
                .When(c => c.Strategy!.Accounts?.Ids is not null);
        });
    }
}
