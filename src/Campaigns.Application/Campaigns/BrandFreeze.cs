using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Storage.Campaigns;
using FluentValidation;
using Mediator;

namespace Campaigns.Application.Campaigns;

/// <summary>What a freeze or unfreeze changed.</summary>
public sealed record BrandFreezeView(string Brand, bool Frozen, IReadOnlyList<string> CampaignIds);

/// <summary>
/// Pause (freeze) or resume (unfreeze) everything scheduled for a brand in one call
/// (<c>POST /v1/brands/{brand}/freeze|unfreeze</c>). An unfreeze resumes only what the freeze paused: a campaign
/// paused by hand stays paused.
/// </summary>
public sealed record FreezeBrand(string AgencyId, string Brand, bool Freeze) : ICommand<BrandFreezeView>;

public sealed class FreezeBrandValidator : AbstractValidator<FreezeBrand>
{
    public FreezeBrandValidator() =>
        RuleFor(c => c.Brand).NotEmpty().MaximumLength(Accounts.AccountInputRules.MaxBrandLength);
}

public sealed class FreezeBrandHandler(IGrainFactory grains, CampaignStore campaigns) : ICommandHandler<FreezeBrand, BrandFreezeView>
{
    private static readonly string[] Freezable = [WireName<CampaignStatus>.Of(CampaignStatus.Scheduled), WireName<CampaignStatus>.Of(CampaignStatus.Running)];
    private static readonly string[] Frozen = [WireName<CampaignStatus>.Of(CampaignStatus.Paused)];

    public async ValueTask<BrandFreezeView> Handle(FreezeBrand command, CancellationToken cancellationToken)
    {
        var brand = command.Brand.Trim();
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
        return new BrandFreezeView(brand, command.Freeze, changed);
    }
}
