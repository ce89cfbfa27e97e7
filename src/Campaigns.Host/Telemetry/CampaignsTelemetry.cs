namespace Campaigns.Host.Telemetry;

/// <summary>The names under which Campaigns' own traces and metrics are published.</summary>
public static class CampaignsTelemetry
{
    /// <summary>The service name in every exported resource.</summary>
    public const string ServiceName = "campaigns";

    /// <summary>
    /// Every activity source and meter of ours is named <c>Campaigns.&lt;area&gt;</c> (for example
    /// <c>Campaigns.Pushes</c>, <c>Campaigns.Gateway</c>); each project declares its own next to the code it measures.
    /// </summary>
    public const string Wildcard = "Campaigns.*";

    /// <summary>Orleans' activity sources (grain calls) and its meter.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public const string OrleansMeter = "Microsoft.Orleans";
}
