namespace Campaigns.Connectors.Platforms;

/// <summary>What the caller must do after a publish step.</summary>
public enum PublishStepKind
{
    /// <summary>Store <see cref="PublishStep.Handle"/> durably, then call ContinueAsync with it.</summary>
    Continue,

    /// <summary>The platform is processing: store the handle, call ContinueAsync again after <see cref="PublishStep.Delay"/>.</summary>
    Wait,

    /// <summary>The post exists: <see cref="PublishStep.PostId"/> and <see cref="PublishStep.PublishedAt"/>.</summary>
    Published,

    /// <summary>
    /// Nothing more happened: see <see cref="PublishStep.Failure"/>. When <see cref="PublishStep.Handle"/> is null the
    /// platform holds no post for this attempt and the caller may begin again; otherwise it continues from the handle.
    /// </summary>
    Failed,

    /// <summary>
    /// The answer to a step that can create a post was lost and nothing can look it up: never publish again on its
    /// own; a person settles it.
    /// </summary>
    Unconfirmed,
}

/// <summary>The outcome of one publish step.</summary>
public sealed record PublishStep(
    PublishStepKind Kind,
    PublishHandle? Handle,
    TimeSpan Delay,
    string? PostId,
    DateTimeOffset? PublishedAt,
    PlatformFailure? Failure)
{
    /// <summary>Store the handle and go on.</summary>
    public static PublishStep Next(PublishHandle handle) => new(PublishStepKind.Continue, handle, TimeSpan.Zero, null, null, null);

    /// <summary>Come back later with the handle.</summary>
    public static PublishStep WaitFor(PublishHandle handle, TimeSpan delay) => new(PublishStepKind.Wait, handle, delay, null, null, null);

    /// <summary>The post exists.</summary>
    public static PublishStep Done(PublishHandle? handle, string postId, DateTimeOffset publishedAt) =>
        new(PublishStepKind.Published, handle, TimeSpan.Zero, postId, publishedAt, null);

    /// <summary>A failure; <paramref name="handle"/> null means nothing was created and the caller may begin again.</summary>
    public static PublishStep Fail(PublishHandle? handle, PlatformFailure failure) =>
        new(PublishStepKind.Failed, handle, failure.RetryAfter ?? TimeSpan.Zero, null, null, failure);

    /// <summary>A create call whose answer was lost.</summary>
    public static PublishStep Lost(PublishHandle? handle, string why) =>
        new(PublishStepKind.Unconfirmed, handle, TimeSpan.Zero, null, null, new PlatformFailure(FailureKind.Transient, "answer_lost", why));

    /// <summary>
    /// True when calling again cannot change the outcome without a person: published, unconfirmed, refused, or a refused
    /// refresh (re-authorization). Rate limits, invalid tokens and transient failures are worth another call later.
    /// </summary>
    public bool IsFinal => Kind is PublishStepKind.Published or PublishStepKind.Unconfirmed
        || (Kind == PublishStepKind.Failed && Failure!.Kind is FailureKind.Refused or FailureKind.RefreshRefused);
}
