namespace Campaigns.Application.Accounts;

/// <summary>The <c>Campaigns:AccountPage</c> section: how <c>GET /v1/accounts/{id}</c> keeps its figures.</summary>
public sealed class AccountPageOptions
{
    public const string Section = "Campaigns:AccountPage";

    /// <summary>
    /// How long figures kept in memory are used at most, in milliseconds, even while the agency's figures version says
    /// they are current (default 2,000; 0 keeps none, so every read queries). Every write that changes the figures
    /// advances the version before it is answered, so this only bounds how long a change stays unseen when a writer's
    /// silo dies between its commit and advancing the version — a write nobody was told of — or advancing it fails.
    /// </summary>
    public int FiguresMaxAgeMilliseconds { get; set; } = 2_000;

    /// <summary>Why these settings are invalid, or null when they are fine.</summary>
    public string? Problem() => FiguresMaxAgeMilliseconds < 0 ? $"{Section}:FiguresMaxAgeMilliseconds must not be negative." : null;
}
