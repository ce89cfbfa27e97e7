namespace Campaigns.Storage.Campaigns;

/// <summary>The words stored in <c>pushes.status</c>, as the API shows them.</summary>
public static class PushStatuses
{
    public const string Scheduled = "scheduled", Publishing = "publishing", Published = "published",
        Failed = "failed", Cancelled = "cancelled", Skipped = "skipped";

    /// <summary>Every status, in lifecycle order.</summary>
    public static readonly IReadOnlyList<string> All = [Scheduled, Publishing, Published, Failed, Cancelled, Skipped];

    /// <summary>True for a status a push never leaves.</summary>
    public static bool IsFinal(string status) => status is Published or Failed or Cancelled or Skipped;
}
