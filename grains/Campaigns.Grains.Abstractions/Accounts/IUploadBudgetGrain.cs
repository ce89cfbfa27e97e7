namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>
/// A platform's daily upload budget, shared by every account and silo of this deployment because the platform counts
/// it per project (YouTube: the videos.insert bucket of the Google Cloud project). Keyed by the platform's name.
/// </summary>
public interface IUploadBudgetGrain : IGrainWithStringKey
{
    /// <summary>
    /// Charges <paramref name="units"/> against today's budget of <paramref name="dailyUnits"/>; null when charged,
    /// otherwise the instant the next day's budget starts (nothing is charged then).
    /// </summary>
    Task<DateTimeOffset?> TryCharge(int units, int dailyUnits);
}
