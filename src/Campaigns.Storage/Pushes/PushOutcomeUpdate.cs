using Campaigns.Domain.Pushes;

namespace Campaigns.Storage.Pushes;

/// <summary>What a firing did to a push: the transition it asks for, on whose lease, and the facts that go with it.</summary>
/// <param name="AgencyId">The push's agency.</param>
/// <param name="Id">The push.</param>
/// <param name="Transition">One of a firing's outcomes: publish, retry, fail, skip, withdraw, mark-unconfirmed.</param>
/// <param name="Holder">The lease the firing holds; the outcomes that need the lease apply only while it is still this.</param>
/// <param name="Attempts">Attempts made so far, this one included (a skip before publishing counts none).</param>
/// <param name="DueAt">When the push is next due: a retry's instant, otherwise its scheduled one (Unix ms).</param>
/// <param name="LastError">Why it failed, was skipped or is retried; null when published.</param>
/// <param name="PlatformPostId">The platform's post id, when published.</param>
/// <param name="FiredAt">When this attempt reached the connector, if it did.</param>
/// <param name="PublishedAt">When the post went live, if it did.</param>
/// <param name="UpdatedAt">When the outcome was recorded.</param>
public sealed record PushOutcomeUpdate(
    string AgencyId,
    string Id,
    PushTransition Transition,
    string Holder,
    int Attempts,
    long DueAt,
    string? LastError,
    string? PlatformPostId,
    long? FiredAt,
    long? PublishedAt,
    long UpdatedAt);
