using Microsoft.Extensions.Logging;
using Quartz;

namespace Campaigns.Scheduling.Feedback;

/// <summary>
/// Runs a round of the platform poller (<see cref="IPlatformPoll"/>) every <see cref="IPlatformPoll.Period"/>, on one
/// silo at a time: the trigger lives in Quartz's clustered store, and a round still running holds back the next one on
/// every silo.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class PlatformPollJob(IPlatformPoll poll, ILogger<PlatformPollJob> logger) : IJob
{
    public static readonly JobKey Key = new("platform-poll", "feedback");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var r = await poll.RunAsync(cancellationToken);
        var period = poll.Period;
        if (r.Elapsed > period)
        {
            LogBehind(logger, r.Elapsed.TotalSeconds, period.TotalSeconds, r.Posts, r.Accounts);
        }
        else
        {
            LogRound(logger, r.Posts, r.Recorded, r.Unchanged, r.Refused, r.Missing, r.Followers, r.Accounts, r.NoCredential, r.RateLimited, r.Failed, r.Elapsed.TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Platform poll: {Posts} posts due, {Recorded} snapshots recorded, {Unchanged} unchanged, {Refused} refused, {Missing} missing; {Followers} follower counts; {Accounts} accounts asked, {NoCredential} without credential, {RateLimited} rate limited, {Failed} failed; in {Milliseconds:F0} ms")]
    private static partial void LogRound(ILogger logger, int posts, int recorded, int unchanged, int refused, int missing, int followers, int accounts, int noCredential, int rateLimited, int failed, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Platform poll round took {Seconds:F1} s, longer than its {Period:F0} s period ({Posts} posts, {Accounts} accounts): the platforms answer slowly or too much is due at once")]
    private static partial void LogBehind(ILogger logger, double seconds, double period, int posts, int accounts);
}
