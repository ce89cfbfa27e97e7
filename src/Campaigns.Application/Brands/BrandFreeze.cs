using Campaigns.Grains.Abstractions.Brands;
using Campaigns.Grains.Abstractions.Common;
using FluentValidation;
using Mediator;

namespace Campaigns.Application.Brands;

/// <summary>
/// What a freeze or unfreeze changed: the campaigns it paused or resumed, and how many pushes of the brand's
/// accounts that no campaign owns (recurring schedules, standalone exchanges) it held or released.
/// </summary>
public sealed record BrandFreezeView(string Brand, bool Frozen, IReadOnlyList<string> CampaignIds, int OtherPushes);

/// <summary>
/// Pause (freeze) or resume (unfreeze) everything scheduled for a brand in one call
/// (<c>POST /v1/brands/{brand}/freeze|unfreeze</c>): the brand's campaigns, and the pushes of its accounts made by
/// recurring schedules and standalone exchanges — including those made while it is frozen, which wait. An unfreeze
/// resumes only what the freeze paused: a campaign paused by hand stays paused. Pushes that fell due while frozen
/// fire on unfreeze, unless they are stale by then (the same limit as a late firing).
/// </summary>
public sealed record FreezeBrand(string AgencyId, string Brand, bool Freeze) : ICommand<BrandFreezeView>;

public sealed class FreezeBrandValidator : AbstractValidator<FreezeBrand>
{
    public FreezeBrandValidator() =>
        RuleFor(c => c.Brand).NotEmpty().MaximumLength(Accounts.AccountInputRules.MaxBrandLength);
}

public sealed class FreezeBrandHandler(IGrainFactory grains) : ICommandHandler<FreezeBrand, BrandFreezeView>
{
    public async ValueTask<BrandFreezeView> Handle(FreezeBrand command, CancellationToken cancellationToken)
    {
        var brand = command.Brand.Trim();
        // The brand grain owns the freeze: it records it, then pauses the campaigns and holds the other pushes.
        var grain = grains.GetGrain<IBrandGrain>(GrainKeys.For(command.AgencyId, brand));
        var result = command.Freeze ? await grain.Freeze() : await grain.Unfreeze();
        return new BrandFreezeView(brand, result.Frozen, result.CampaignIds, result.OtherPushes);
    }
}
