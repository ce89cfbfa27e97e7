using Campaigns.Domain.Accounts;
using FluentValidation;

namespace Campaigns.Application.Accounts;

/// <summary>Validates posting caps (<c>caps.*</c>).</summary>
public sealed class CapsInputValidator : AbstractValidator<CapsInput>
{
    public CapsInputValidator()
    {
        RuleFor(c => c.MaxPostsPerDay).InclusiveBetween(1, PostingCaps.MaxPostsPerDayLimit);
        RuleFor(c => c.MinGapMinutes).InclusiveBetween(0, PostingCaps.MinGapMinutesLimit);
        RuleFor(c => c.QuietHours!).ChildRules(quiet =>
        {
            quiet.RuleFor(q => q.From).NotEmpty().Must(AccountInputRules.BeTime).WithMessage("Must be a local time HH:mm.");
            quiet.RuleFor(q => q.To).NotEmpty().Must(AccountInputRules.BeTime).WithMessage("Must be a local time HH:mm.");
        }).When(c => c.QuietHours is not null);
    }
}
