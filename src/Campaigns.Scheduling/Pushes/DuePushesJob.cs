using Microsoft.Extensions.Options;
using Quartz;

namespace Campaigns.Scheduling.Pushes;

/// <summary>
/// Fired by a bucket trigger, the lead ahead of the bucket: dispatches every push due before the end of the bucket
/// (each waits in its grain for its own instant).
/// </summary>
public sealed class DuePushesJob(DueDispatcher dispatcher, TimeProvider clock, IOptions<PushSchedulingOptions> options) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow().AddMilliseconds(options.Value.LeadMilliseconds + options.Value.BucketMilliseconds);
        await dispatcher.DispatchAsync(until, cancellationToken);
    }
}
