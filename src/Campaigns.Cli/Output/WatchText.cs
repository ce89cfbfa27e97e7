using System.Globalization;
using Campaigns.Client;

namespace Campaigns.Cli.Output;

/// <summary>The words both watch views use.</summary>
public static class WatchText
{
    public static string Event(TimelineEventView happening) =>
        $"{happening.At.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}  {happening.Type,-18} {happening.Detail}";

    public static string Counts(CampaignView campaign) => campaign.Progress is { } p
        ? $"{campaign.Status}: {p.Planned} planned, {p.Scheduled} scheduled, {p.Published} published, {p.Failed} failed, "
            + $"{p.Skipped} skipped, {p.Cancelled} cancelled"
        : campaign.Status;

    /// <summary>A short form for the progress bar's label, so the bar keeps its room on an 80-column terminal.</summary>
    public static string Short(CampaignView campaign) => campaign.Progress is { } p
        ? $"{campaign.Status}: {p.Published} published, {p.Failed} failed, {p.Skipped} skipped"
        : campaign.Status;

    /// <summary>Pushes that reached an end (published, failed, skipped, cancelled) out of those planned.</summary>
    public static (int Settled, int Planned) Settled(CampaignView campaign) => campaign.Progress is { } p
        ? (p.Published + p.Failed + p.Skipped + p.Cancelled, p.Planned)
        : (0, 0);
}
