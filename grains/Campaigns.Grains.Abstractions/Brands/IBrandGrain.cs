namespace Campaigns.Grains.Abstractions.Brands;

/// <summary>
/// One brand of an agency, keyed <c>{agencyId}/{brand}</c>: the one owner of its freeze. It records the freeze
/// durably, pauses and resumes the brand's campaigns, holds and releases the brand's schedule and exchange pushes, and
/// is what campaigns (at launch), schedules and exchanges (before each push) ask.
/// </summary>
public interface IBrandGrain : IGrainWithStringKey
{
    /// <summary>
    /// Freezes the brand: recorded first, then its campaigns are paused and its other pushes held. Repeating it
    /// finishes what an interrupted freeze left undone and changes nothing else.
    /// </summary>
    Task<BrandFreezeResult> Freeze();

    /// <summary>Ends the freeze: resumes the campaigns the freeze paused and releases the pushes it held.</summary>
    Task<BrandFreezeResult> Unfreeze();

    /// <summary>
    /// Finishes applying the freeze (or unfreeze) last decided, when it is not fully applied yet; called by the brand's
    /// durable trigger, which it removes once applied. Throws when storage still refuses (the trigger repeats).
    /// </summary>
    Task FinishApplying();

    /// <summary>Whether the brand is frozen, as durably recorded. Interleaved: a freeze in progress may be waiting on the caller.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<bool> IsFrozen();

    /// <summary>
    /// Records a campaign of the brand, so a freeze finds it; called before the campaign is created. Interleaved (it
    /// only inserts a row): a create must not wait for a freeze pausing many campaigns. A campaign registered while a
    /// freeze is under way is a draft, and asks <see cref="IsFrozen"/> when it launches.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task Register(string campaignId);
}

/// <summary>
/// What a freeze or unfreeze changed: the campaigns it paused (or, for an unfreeze, resumed) and how many pushes no
/// campaign owns (recurring schedules, standalone exchanges) it held or released.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BrandFreezeResult(
    [property: Id(0)] bool Frozen,
    [property: Id(1)] List<string> CampaignIds,
    [property: Id(2)] int OtherPushes);
