using System.Text.Json;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Campaigns;
using Campaigns.Grains.Common;
using Campaigns.Grains.Pushes;
using Campaigns.Scheduling;
using Campaigns.Scheduling.Pushes;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Pushes;
using Campaigns.Storage.Rules;

namespace Campaigns.Grains.Rules;

/// <summary>
/// What automation rules do when they fire: amplify a winner to more accounts, stop an account. Both are safe to run
/// again for the same firing: the pushes an amplify adds have derived ids, and a stop is a conditional update.
/// </summary>
public sealed class RuleActions(OwnerPushes pushes, RuleFiringStore firings, PushTriggers triggers, IAmplifyPlanner amplifier, TimeProvider clock)
{
    /// <summary>Warnings of an amplify's plan quoted in its timeline event.</summary>
    private const int QuotedWarnings = 10;

    /// <summary>The push a firing judged (to finish a firing a crash interrupted): published, and a published push stays so.</summary>
    public async Task<PushRow?> PushAsync(string agencyId, string pushId) =>
        (await StorageCalls.Guard(() => firings.PublishedAsync(agencyId, [pushId]))).SingleOrDefault();

    /// <summary>
    /// Schedules the winning push's video on the rule's accounts that do not post in this campaign yet, ranked and
    /// capped by the planner, from now on with the campaign's stagger. Returns how many pushes the firing has added.
    /// </summary>
    public async Task<(int Added, int Cancelled, string What)> AmplifyAsync(CampaignSnapshot campaign, int index, AutomationRule rule, PushRow source)
    {
        var (agencyId, id) = (campaign.AgencyId, campaign.Id);
        string Own(string accountId) => PushIds.ForAmplify(id, index, source.Id, accountId);

        var existing = await StorageCalls.Guard(() => firings.CampaignAccountsAsync(agencyId, id));
        // Accounts holding this very firing's push (from an attempt a crash interrupted) stay candidates, so the
        // top-N picks the same accounts again rather than N more.
        var ours = existing.Where(e => e.PushId == Own(e.AccountId)).Select(e => e.AccountId).ToHashSet(StringComparer.Ordinal);
        var excluded = existing.Where(e => e.PushId != Own(e.AccountId)).Select(e => e.AccountId).ToHashSet(StringComparer.Ordinal);
        var plan = await amplifier.PlanAsync(new AmplifyRequest(agencyId, campaign.Definition, rule.Accounts!, source.VideoId, excluded), CancellationToken.None);

        var fresh = plan.Pushes.Where(p => !ours.Contains(p.AccountId)).ToList();
        if (fresh.Count > 0)
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            await StorageCalls.Guard(() => pushes.InsertAsync(fresh.Select(p => new PushRow
            {
                AgencyId = agencyId,
                Id = Own(p.AccountId),
                CampaignId = id,
                AccountId = p.AccountId,
                VideoId = p.VideoId,
                Platform = p.Platform,
                Brand = campaign.Definition.Brand,
                Wave = source.Wave,
                Caption = p.Caption,
                Hashtags = JsonSerializer.Serialize(p.Hashtags),
                ScheduledAt = p.ScheduledAt.ToUnixTimeMilliseconds(),
                DueAt = p.ScheduledAt.ToUnixTimeMilliseconds(),
                UpdatedAt = now,
            }).ToList()));
            await StorageCalls.Guard(() => triggers.EnsureAsync(fresh.Select(p => p.ScheduledAt)));
        }

        var accounts = ours.Concat(fresh.Select(p => p.AccountId)).ToList();
        var warnings = plan.Warnings.Count == 0 ? "" : $" ({plan.Warnings.Count} warnings: {string.Join(" ", plan.Warnings.Take(QuotedWarnings))})";
        var what = accounts.Count == 0
            ? $"no account to add the video to{warnings}"
            : $"{Pushes(accounts.Count)} of video {source.VideoId} added on {string.Join(", ", accounts)}" +
              (fresh.Count > 0 ? $" (from {fresh.Min(p => p.ScheduledAt):O} to {fresh.Max(p => p.ScheduledAt):O})" : "") + warnings;
        return (accounts.Count, 0, what);
    }

    /// <summary>Cancels the pushes of the push's account in this campaign that have not fired yet.</summary>
    public async Task<(int Added, int Cancelled, string What)> StopAccountAsync(CampaignSnapshot campaign, int index, PushRow source)
    {
        var reason = $"Cancelled by rule {index}: push {source.Id} of this account under-performed.";
        var cancelled = await StorageCalls.Guard(() =>
            pushes.CancelAccountScheduledAsync(campaign.AgencyId, campaign.Id, source.AccountId, reason, clock.GetUtcNow().ToUnixTimeMilliseconds()));
        return (0, cancelled, $"{Pushes(cancelled)} of account {source.AccountId} that had not fired cancelled");
    }

    private static string Pushes(int count) => count == 1 ? "1 push" : $"{count} pushes";
}
