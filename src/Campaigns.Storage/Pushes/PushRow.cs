
using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Feedback;
namespace Campaigns.Storage.Pushes;

/// <summary>
/// One push as stored. A class with setters rather than a record: SQLite returns INTEGER as Int64 and PostgreSQL
/// INTEGER as Int32, and Dapper converts on property assignment. Instants are Unix milliseconds.
/// </summary>
public sealed class PushRow : EngagementCountersRow
{
    public string AgencyId { get; set; } = "";
    public string Id { get; set; } = "";
    public string CampaignId { get; set; } = "";
    public string AccountId { get; set; } = "";
    public string VideoId { get; set; } = "";
    public string Platform { get; set; } = "";
    public string? Brand { get; set; }
    public int Wave { get; set; }
    public string? Caption { get; set; }

    /// <summary>The hashtags as a JSON array.</summary>
    public string Hashtags { get; set; } = "[]";

    public long ScheduledAt { get; set; }

    /// <summary>When the push is next due: its scheduled instant, or a retry's.</summary>
    public long DueAt { get; set; }

    /// <summary>The status's wire word (<see cref="PushStatus"/>), as stored and as the API shows it.</summary>
    public string Status { get; set; } = WireName<PushStatus>.Of(PushStatus.Scheduled);

    /// <summary>The status as the state machine knows it.</summary>
    public PushStatus Lifecycle
    {
        get => WireName<PushStatus>.Parse(Status);
        set => Status = WireName<PushStatus>.Of(value);
    }

    /// <summary>1 while its campaign or brand is paused: due, but not to be fired.</summary>
    public int Held { get; set; }

    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public string? PlatformPostId { get; set; }
    public long? FiredAt { get; set; }
    public long? PublishedAt { get; set; }
    public long UpdatedAt { get; set; }

    /// <summary>When the latest engagement snapshot was taken; null until feedback arrives.</summary>
    public long? MetricsAt { get; set; }

    /// <summary>1 while the push belongs to a tie-in wave whose gate has not opened: stored, but never claimed.</summary>
    public int Gated { get; set; }

    /// <summary>Milliseconds from its wave's first push; a wave released at T is re-timed to T + offset.</summary>
    public long WaveOffset { get; set; }

    /// <summary>While publishing: the silo incarnation that claimed the push and renews its lease; null otherwise.</summary>
    public string? LeaseHolder { get; set; }

    /// <summary>While publishing: when the lease runs out unless its holder renews it (Unix ms).</summary>
    public long? LeaseExpiresAt { get; set; }
}
