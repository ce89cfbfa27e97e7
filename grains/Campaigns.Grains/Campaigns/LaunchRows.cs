using System.Text.Json;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Pushes;
using Campaigns.Storage.Pushes;

namespace Campaigns.Grains.Campaigns;

/// <summary>The push rows of a launch: ids derived from the campaign and the push's place in the plan.</summary>
public static class LaunchRows
{
    public static List<PushRow> From(string agencyId, string campaignId, CampaignDefinition definition, IReadOnlyList<LaunchPush> plan, DateTimeOffset now)
    {
        var rows = plan.Select((p, i) => new PushRow
        {
            AgencyId = agencyId,
            Id = PushIds.For(campaignId, i),
            CampaignId = campaignId,
            AccountId = p.AccountId,
            VideoId = p.VideoId,
            Platform = p.Platform,
            Brand = definition.Brand,
            Wave = p.Wave,
            Caption = p.Caption,
            Hashtags = JsonSerializer.Serialize(p.Hashtags),
            ScheduledAt = p.ScheduledAt.ToUnixTimeMilliseconds(),
            DueAt = p.ScheduledAt.ToUnixTimeMilliseconds(),
            UpdatedAt = now.ToUnixTimeMilliseconds(),
        }).ToList();
        if (definition.Kind == StrategyKind.CelebrityTieIn)
        {
            GateLaterWaves(rows);
        }
        return rows;
    }

    /// <summary>A tie-in's later waves are stored gated, each push with its offset from its wave's first push.</summary>
    private static void GateLaterWaves(List<PushRow> rows)
    {
        foreach (var wave in rows.Where(r => r.Wave > 0).GroupBy(r => r.Wave))
        {
            var first = wave.Min(r => r.ScheduledAt);
            foreach (var row in wave)
            {
                row.Gated = 1;
                row.WaveOffset = row.ScheduledAt - first;
            }
        }
    }
}
