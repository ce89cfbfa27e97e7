namespace Campaigns.Scheduling.Feedback;

/// <summary>
/// The platform poller as its job sees it. The poller itself lives with the grains it asks (the Grains project's
/// <c>PlatformPoll</c>, which sees the platforms and the accounts); the job, like every job, lives here.
/// </summary>
public interface IPlatformPoll
{
    /// <summary>How often a round runs; zero when no platform is configured (the job is then removed).</summary>
    TimeSpan Period { get; }

    /// <summary>Runs one round: what is due is polled, recorded and given its next poll time.</summary>
    Task<PlatformPollRound> RunAsync(CancellationToken cancellationToken);
}
