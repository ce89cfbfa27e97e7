namespace Campaigns.Grains.Abstractions.Pushes;

/// <summary>What a due push should do, given its campaign's state.</summary>
[GenerateSerializer]
public enum FireDecision
{
    /// <summary>Publish now.</summary>
    Fire,

    /// <summary>The campaign is paused: keep the push, held, for when it resumes.</summary>
    Hold,

    /// <summary>The campaign is cancelled: the push never fires.</summary>
    Cancel,
}
