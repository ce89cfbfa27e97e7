using System.Threading.Channels;

namespace Campaigns.Storage.Campaigns;

/// <summary>
/// Group commit for push outcomes. When a thousand pushes fire in the same second, writing each outcome in its own
/// transaction makes the database's commit rate the limit (measured: a third of a core busy, lag growing by the
/// second). Outcomes arriving together are written in one transaction instead. Each caller still waits until its
/// own outcome is durable, so nothing is acknowledged earlier than before.
/// </summary>
public sealed class PushOutcomeBatcher : IAsyncDisposable
{
    /// <summary>Outcomes per transaction at most.</summary>
    public const int MaxBatch = 500;

    private readonly Channel<(PushOutcomeUpdate Update, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(PushOutcomeUpdate, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly PushStore _pushes;
    private readonly Task _writer;

    public PushOutcomeBatcher(PushStore pushes)
    {
        _pushes = pushes;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Records an outcome; completes once it is committed, or fails with the commit's error.</summary>
    public Task RecordAsync(PushOutcomeUpdate update)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((update, done)))
        {
            done.SetException(new ObjectDisposedException(nameof(PushOutcomeBatcher)));
        }
        return done.Task;
    }

    private async Task WriteAsync()
    {
        var batch = new List<(PushOutcomeUpdate Update, TaskCompletionSource Done)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            try
            {
                await _pushes.RecordAsync(batch.Select(b => b.Update).ToList());
                batch.ForEach(b => b.Done.SetResult());
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
