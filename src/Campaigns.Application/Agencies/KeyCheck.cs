namespace Campaigns.Application.Agencies;

/// <summary>What a presented API key turned out to be.</summary>
public enum KeyVerdict
{
    /// <summary>An agency's key; <see cref="KeyCheck.AgencyId"/> names the agency.</summary>
    Valid,

    /// <summary>No agency holds this key (or it was revoked).</summary>
    Invalid,

    /// <summary>Not known to this process, and the caller did not allow a database look-up.</summary>
    Unchecked,
}

/// <summary>The verdict on a key and, for a valid one, its agency.</summary>
public readonly record struct KeyCheck(KeyVerdict Verdict, string? AgencyId)
{
    public static KeyCheck Valid(string agencyId) => new(KeyVerdict.Valid, agencyId);

    public static readonly KeyCheck Invalid = new(KeyVerdict.Invalid, null);

    public static readonly KeyCheck Unchecked = new(KeyVerdict.Unchecked, null);
}
