
using Campaigns.Application.Common;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Pushes;
using Mediator;
namespace Campaigns.Application.Campaigns;

/// <summary>One push of a dry-run plan.</summary>
public sealed record PlannedPushView(string AccountId, string VideoId, DateTimeOffset ScheduledAt, int Wave, string? Caption, IReadOnlyList<string> Hashtags);

/// <summary>A warning of a plan, with the account or video it concerns.</summary>
public sealed record PlanWarningView(string Code, string Message, string? AccountId, string? VideoId);

/// <summary>The dry run of a campaign: every push it would make, and what it could not do.</summary>
public sealed record PlanView(IReadOnlyList<PlannedPushView> Pushes, IReadOnlyList<PlanWarningView> Warnings);

/// <summary>Plan a campaign without scheduling anything (<c>POST /v1/campaigns/{id}/plan</c>).</summary>
public sealed record PlanCampaign(string AgencyId, string CampaignId) : IQuery<Outcome<PlanView>>;

public sealed class PlanCampaignHandler(IGrainFactory grains, CampaignPlanning planning) : IQueryHandler<PlanCampaign, Outcome<PlanView>>
{
    public async ValueTask<Outcome<PlanView>> Handle(PlanCampaign query, CancellationToken cancellationToken)
    {
        if (CampaignLookup.Grain(grains, query.AgencyId, query.CampaignId) is not { } grain || await grain.Get() is not { } campaign)
        {
            return EntityLookup.NotFound<PlanView>("Campaign", query.CampaignId);
        }
        var (plan, _) = await planning.PlanAsync(query.AgencyId, campaign.Definition, cancellationToken);
        return CampaignPlans.Feasible(plan) is { } refusal
            ? new Outcome<PlanView>(null, refusal)
            : Outcome<PlanView>.Ok(CampaignPlans.View(plan));
    }
}

/// <summary>Plan and schedule a campaign durably (<c>POST /v1/campaigns/{id}/launch</c>).</summary>
public sealed record LaunchCampaign(string AgencyId, string CampaignId) : ICommand<Outcome<CampaignView>>;

public sealed class LaunchCampaignHandler(IGrainFactory grains, CampaignPlanning planning, PushQueries pushes)
    : ICommandHandler<LaunchCampaign, Outcome<CampaignView>>
{
    public async ValueTask<Outcome<CampaignView>> Handle(LaunchCampaign command, CancellationToken cancellationToken)
    {
        if (CampaignLookup.Grain(grains, command.AgencyId, command.CampaignId) is not { } grain || await grain.Get() is not { } campaign)
        {
            return EntityLookup.NotFound<CampaignView>("Campaign", command.CampaignId);
        }
        if (campaign.Status != CampaignStatus.Draft)
        {
            return Outcome<CampaignView>.Fail(ErrorKind.Conflict, $"A {WireName<CampaignStatus>.Of(campaign.Status)} campaign cannot be launched.");
        }
        var (plan, accounts) = await planning.PlanAsync(command.AgencyId, campaign.Definition, cancellationToken);
        if (CampaignPlans.Feasible(plan) is { } refusal)
        {
            return new Outcome<CampaignView>(null, refusal);
        }
        var launch = plan.Pushes.Select(p => new LaunchPush(
            p.AccountId, WireName<Domain.Accounts.Platform>.Of(accounts[p.AccountId].Platform), p.VideoId, p.ScheduledAt, p.Wave,
            p.Caption, p.Hashtags.ToList(), p.ContentOwnerId)).ToList();
        // The grain asks the brand: a campaign of a frozen brand launches paused by the freeze, and the unfreeze resumes it.
        var outcome = await grain.Launch(launch, plan.Warnings.Select(w => $"[{w.Code}] {w.AccountId} {w.Message}").ToList());
        return await CampaignViews.WithProgressAsync(outcome, command.AgencyId, pushes, cancellationToken);
    }
}

/// <summary>Pause, resume or cancel a campaign (<c>POST /v1/campaigns/{id}/pause|resume|cancel</c>).</summary>
public sealed record ChangeCampaign(string AgencyId, string CampaignId, CampaignChange Change) : ICommand<Outcome<CampaignView>>;

/// <summary>A lifecycle command.</summary>
public enum CampaignChange
{
    Pause,
    Resume,
    Cancel,
}

public sealed class ChangeCampaignHandler(IGrainFactory grains, PushQueries pushes) : ICommandHandler<ChangeCampaign, Outcome<CampaignView>>
{
    public async ValueTask<Outcome<CampaignView>> Handle(ChangeCampaign command, CancellationToken cancellationToken)
    {
        if (CampaignLookup.Grain(grains, command.AgencyId, command.CampaignId) is not { } grain)
        {
            return EntityLookup.NotFound<CampaignView>("Campaign", command.CampaignId);
        }
        var outcome = command.Change switch
        {
            CampaignChange.Pause => await grain.Pause(CampaignReasons.Requested),
            CampaignChange.Resume => await grain.Resume(CampaignReasons.Requested),
            _ => await grain.Cancel(CampaignReasons.Requested),
        };
        return await CampaignViews.WithProgressAsync(outcome, command.AgencyId, pushes, cancellationToken);
    }
}

/// <summary>Shared shaping of plans into views and refusals.</summary>
public static class CampaignPlans
{
    /// <summary>A plan that schedules nothing is valid input that cannot be carried out: 422 with its reasons.</summary>
    public static CommandError? Feasible(Plan plan) =>
        plan.Pushes.Count > 0
            ? null
            : new CommandError(ErrorKind.Unprocessable, "The plan schedules no push: " +
                (plan.Warnings.Count == 0 ? "the account set is empty." : string.Join(" ", plan.Warnings.Select(w => $"[{w.Code}] {w.AccountId} {w.Message}".Trim()))));

    public static PlanView View(Plan plan) => new(
        plan.Pushes.Select(p => new PlannedPushView(p.AccountId, p.VideoId, p.ScheduledAt, p.Wave, p.Caption, p.Hashtags)).ToList(),
        plan.Warnings.Select(w => new PlanWarningView(w.Code, w.Message, w.AccountId, w.VideoId)).ToList());
}

/// <summary>Builds campaign views with their progress read from the pushes table.</summary>
public static class CampaignViews
{
    public static async Task<Outcome<CampaignView>> WithProgressAsync(
        Outcome<CampaignSnapshot> outcome, string agencyId, PushQueries pushes, CancellationToken cancellationToken)
    {
        if (outcome.Value is not { } campaign || outcome.Error is not null)
        {
            return new Outcome<CampaignView>(null, outcome.Error);
        }
        var counts = await pushes.CountsAsync(agencyId, campaign.Id, cancellationToken);
        return Outcome<CampaignView>.Ok(CampaignView.From(campaign, ProgressView.From(campaign.Planned, counts)));
    }
}
