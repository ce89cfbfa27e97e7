using System.Threading.Channels;

namespace Campaigns.Storage.Campaigns;

/// <summary>
/// Group commit for snapshots that arrive one request at a time (the API, platform callbacks): those arriving
/// together are written by one <see cref="MetricsStore.RecordAsync"/> call, one transaction, instead of one each.
/// Each caller still waits until its own snapshot is durable and learns whether it became its push's latest.
/// </summary>
public sealed class MetricsBatcher : IAsyncDisposable
{
    /// <summary>Snapshots per transaction at most.</summary>
    public const int MaxBatch = 500;

    private readonly Channel<(MetricsWrite Write, long ReceivedAt, TaskCompletionSource<bool> Done)> _queue =
        Channel.CreateUnbounded<(MetricsWrite, long, TaskCompletionSource<bool>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly MetricsStore _metrics;
    private readonly Task _writer;

    public MetricsBatcher(MetricsStore metrics)
    {
        _metrics = metrics;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Records a snapshot; completes once it is committed (true when it became the latest), or fails with the commit's error.</summary>
    public Task<bool> RecordAsync(MetricsWrite write, long receivedAt)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((write, receivedAt, done)))
        {
            done.SetException(new ObjectDisposedException(nameof(MetricsBatcher)));
        }
        return done.Task;
    }

    private async Task WriteAsync()
    {
        var batch = new List<(MetricsWrite Write, long ReceivedAt, TaskCompletionSource<bool> Done)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            try
            {
                var applied = await _metrics.RecordAsync(batch.Select(b => b.Write).ToList(), batch.Max(b => b.ReceivedAt));
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.SetResult(applied[i]);
                }
            }
            catch (Exception ex)
            {
                batch.ForEach(b => b.Done.SetException(ex));
            }
            batch.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }
}
