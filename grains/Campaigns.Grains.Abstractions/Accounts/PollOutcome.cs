namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>How an account's platform poll went.</summary>
[GenerateSerializer]
public enum PollOutcome
{
    /// <summary>Every call was answered.</summary>
    Polled,

    /// <summary>Not asked: the account is not connected, needs to be connected again, or is not on a platform connector.</summary>
    NoCredential,

    /// <summary>The platform said "too many calls": the rest waits for a later round.</summary>
    RateLimited,

    /// <summary>The platform could not be reached or refused; the rest waits for a later round.</summary>
    Failed,
}
