namespace Campaigns.Storage.Exchanges;

/// <summary>An exchange as stored: its accounts and campaign for filtering, its snapshot as a document.</summary>
public sealed record ExchangeRow(string AgencyId, string Id, string? CampaignId, string AccountA, string AccountB, long CreatedAt, string Document);

/// <summary>
/// The pending credits of one push of an exchange: the host (who posts) earns <see cref="Credits"/>, the owner (whose
/// content it is) pays them. <see cref="State"/> is one of <see cref="LegStates"/>.
/// </summary>
public sealed class ExchangeLegRow
{
    public string AgencyId { get; set; } = "";
    public string PushId { get; set; } = "";
    public string ExchangeId { get; set; } = "";
    public string HostAccountId { get; set; } = "";
    public string OwnerAccountId { get; set; } = "";
    public long Credits { get; set; }
    public string State { get; set; } = LegStates.Pending;
    public long UpdatedAt { get; set; }
}

/// <summary>What became of a leg's credits.</summary>
public static class LegStates
{
    /// <summary>Its push has not settled yet: the credits count towards both accounts' possible balances.</summary>
    public const string Pending = "pending";

    /// <summary>Its push published: two ledger entries were written.</summary>
    public const string Settled = "settled";

    /// <summary>Its push failed, was skipped or cancelled: nothing is owed.</summary>
    public const string Released = "released";
}

/// <summary>A pending leg whose push has settled, waiting to be settled on the ledger.</summary>
public sealed class SettleableLeg
{
    public string PushId { get; set; } = "";
    public string ExchangeId { get; set; } = "";
    public string HostAccountId { get; set; } = "";
    public string OwnerAccountId { get; set; } = "";
    public long Credits { get; set; }
    public string PushStatus { get; set; } = "";
    public long? PublishedAt { get; set; }
}

/// <summary>A push of an exchange as its views show it: the push's status beside its leg's.</summary>
public sealed class ExchangePushState
{
    public string ExchangeId { get; set; } = "";
    public string PushId { get; set; } = "";
    public string LegState { get; set; } = "";
    public string? Status { get; set; }
    public long? ScheduledAt { get; set; }
    public long? PublishedAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>One ledger entry, with the account's balance after it.</summary>
public sealed class LedgerEntryRow
{
    public string Id { get; set; } = "";
    public string PushId { get; set; } = "";
    public string ExchangeId { get; set; } = "";
    public long Amount { get; set; }
    public string CounterpartyId { get; set; } = "";
    public string Reason { get; set; } = "";
    public long At { get; set; }
    public long BalanceAfter { get; set; }
}

/// <summary>Why an entry was written: the account posted the counterparty's content, or was promoted by it.</summary>
public static class EntryReasons
{
    public const string Hosted = "hosted";
    public const string Promoted = "promoted";
}

/// <summary>An account's ledger totals: settled balance, and pending credits it would earn or pay.</summary>
public sealed record CreditTotals(long Settled, long PendingIn, long PendingOut);

/// <summary>What a reservation did: stored, refused (with the reason), or found already stored (its exchange ids).</summary>
public sealed record ReservationResult(bool Stored, string? Refusal, IReadOnlyList<string> ExistingExchangeIds);
