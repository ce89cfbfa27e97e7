namespace Campaigns.Connectors.Platforms;

/// <summary>
/// Drives one publish through a connector's steps by the contract's rules: a changed handle is saved before the next
/// step; an invalid token is refreshed once and the step repeated; short waits and a few transient failures are
/// taken in-run (resuming from the handle); anything longer is handed back to the caller with the handle saved.
/// </summary>
public sealed class PublishDriver(TimeProvider clock, PublishDriverOptions? options = null)
{
    private readonly PublishDriverOptions _options = options ?? new PublishDriverOptions();

    /// <summary>
    /// Runs from <paramref name="stored"/> (or from the beginning when null) until a step is final or must wait
    /// longer than the caller lets a run wait. <paramref name="save"/> must persist the handle durably (null clears it).
    /// </summary>
    public async Task<PublishStep> RunAsync(
        IPlatformConnector connector,
        PlatformPost post,
        PublishHandle? stored,
        ICredentialSource credentials,
        Func<PublishHandle?, CancellationToken, ValueTask> save,
        IProgress<long>? uploaded,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(save);
        var credential = await credentials.CurrentAsync(cancellationToken);
        var handle = stored;
        var refreshed = false;
        var transient = 0;
        for (var steps = 0; ; steps++)
        {
            var step = handle is null
                ? await connector.BeginAsync(post, credential, cancellationToken)
                : await connector.ContinueAsync(handle, post, credential, uploaded, cancellationToken);
            if (step.Handle != handle)
            {
                // The rule everything rests on: the handle is durable before any step that could create the post.
                await save(step.Handle, cancellationToken);
                handle = step.Handle;
            }
            if (steps >= _options.MaxSteps)
            {
                return step;
            }
            switch (step.Kind)
            {
                case PublishStepKind.Continue:
                    continue;
                case PublishStepKind.Wait when step.Delay <= _options.MaxInlineWait:
                    await Task.Delay(step.Delay, clock, cancellationToken);
                    continue;
                case PublishStepKind.Failed when step.Failure!.Kind == FailureKind.TokenInvalid && !refreshed:
                    refreshed = true;
                    var fresh = await credentials.RefreshAsync(credential, cancellationToken);
                    if (!fresh.Ok)
                    {
                        return PublishStep.Fail(handle, fresh.Failure!);
                    }
                    credential = fresh.Value!;
                    continue;
                case PublishStepKind.Failed when step.Failure!.Kind == FailureKind.Transient && transient < _options.TransientRetries:
                    transient++;
                    await Task.Delay(_options.TransientDelay * transient, clock, cancellationToken);
                    continue;
                default:
                    return step;
            }
        }
    }
}

/// <summary>How much a <see cref="PublishDriver"/> run takes on itself before handing back to its caller.</summary>
public sealed record PublishDriverOptions
{
    /// <summary>Waits up to this long happen in-run; longer ones are returned (default 1 minute).</summary>
    public TimeSpan MaxInlineWait { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Transient failures retried in-run, from the handle (default 2).</summary>
    public int TransientRetries { get; init; } = 2;

    /// <summary>The first transient retry's delay; the next ones grow linearly (default 1 s).</summary>
    public TimeSpan TransientDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The most steps one run takes (default 100), so a platform stuck "processing" cannot hold a run forever.</summary>
    public int MaxSteps { get; init; } = 100;
}
