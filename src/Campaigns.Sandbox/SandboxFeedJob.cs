using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Campaigns.Sandbox;

/// <summary>
/// Runs a round of the <see cref="SandboxFeed"/> every <c>Campaigns:Sandbox:FeedSeconds</c>, on one silo at a time:
/// the trigger lives in Quartz's clustered store, and a round still running holds back the next one on every silo.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class SandboxFeedJob(SandboxFeed feed, IOptionsMonitor<SandboxOptions> options, ILogger<SandboxFeedJob> logger) : IJob
{
    public static readonly JobKey Key = new("sandbox-feed", "feedback");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var round = await feed.RunAsync(cancellationToken);
        if (round.Elapsed > TimeSpan.FromSeconds(options.CurrentValue.FeedSeconds))
        {
            LogBehind(logger, round.Elapsed.TotalSeconds, options.CurrentValue.FeedSeconds, round.Posts, round.Recorded);
        }
        else
        {
            LogRound(logger, round.Posts, round.Recorded, round.Unchanged, round.Refused, round.Elapsed.TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sandbox feed: {Posts} posts, {Recorded} snapshots recorded, {Unchanged} unchanged, {Refused} refused, in {Milliseconds:F0} ms")]
    private static partial void LogRound(ILogger logger, int posts, int recorded, int unchanged, int refused, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox feed round took {Seconds:F1} s, longer than its {Interval} s period ({Posts} posts, {Recorded} recorded): raise Campaigns:Sandbox:FeedSeconds")]
    private static partial void LogBehind(ILogger logger, double seconds, int interval, int posts, int recorded);
}
