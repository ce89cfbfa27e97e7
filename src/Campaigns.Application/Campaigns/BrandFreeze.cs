using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Scheduling;
using Campaigns.Storage.Campaigns;
using FluentValidation;
using Mediator;

namespace Campaigns.Application.Campaigns;

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

public sealed class FreezeBrandHandler(
    IGrainFactory grains, CampaignStore campaigns, BrandFreezeStore freezes, PushTriggers triggers, TimeProvider clock)
    : ICommandHandler<FreezeBrand, BrandFreezeView>
{
    private static readonly string[] Freezable = [WireName<CampaignStatus>.Of(CampaignStatus.Scheduled), WireName<CampaignStatus>.Of(CampaignStatus.Running)];
    private static readonly string[] Frozen = [WireName<CampaignStatus>.Of(CampaignStatus.Paused)];

    public async ValueTask<BrandFreezeView> Handle(FreezeBrand command, CancellationToken cancellationToken)
    {
        var brand = command.Brand.Trim();
        var now = clock.GetUtcNow();
        // The freeze's own record first: from the moment it commits, a schedule or exchange push that asks is held.
        int others;
        if (command.Freeze)
        {
            others = await freezes.FreezeAsync(command.AgencyId, brand, StandalonePushOwners.IdPrefixes, now.ToUnixTimeMilliseconds(), cancellationToken);
        }
        else
        {
            var (released, due) = await freezes.UnfreezeAsync(command.AgencyId, brand, StandalonePushOwners.IdPrefixes, now.ToUnixTimeMilliseconds(), cancellationToken);
            await triggers.EnsureReleasedAsync(due, now.ToUnixTimeMilliseconds(), cancellationToken);
            others = released;
        }
        var ids = await campaigns.IdsByBrandAsync(command.AgencyId, brand, command.Freeze ? Freezable : Frozen, cancellationToken);
        var changed = new List<string>();
        foreach (var id in ids)
        {
            var grain = grains.GetGrain<ICampaignGrain>(GrainKeys.For(command.AgencyId, id));
            var outcome = command.Freeze ? await grain.Pause(CampaignReasons.BrandFreeze) : await grain.Resume(CampaignReasons.BrandFreeze);
            if (outcome.Succeeded)
            {
                changed.Add(id);
            }
        }
        return new BrandFreezeView(brand, command.Freeze, changed, others);
    }
}
