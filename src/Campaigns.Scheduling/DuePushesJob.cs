using Microsoft.Extensions.Options;
using Quartz;

namespace Campaigns.Scheduling;

/// <summary>Fired by a bucket trigger: dispatches every push due before the end of the bucket.</summary>
public sealed class DuePushesJob(DueDispatcher dispatcher, TimeProvider clock, IOptions<PushSchedulingOptions> options) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow().AddMilliseconds(options.Value.BucketMilliseconds);
        await dispatcher.DispatchAsync(until, cancellationToken);
    }
}
