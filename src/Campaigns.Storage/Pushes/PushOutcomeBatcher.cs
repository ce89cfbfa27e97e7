using System.Threading.Channels;

namespace Campaigns.Storage.Pushes;

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

    private readonly Channel<(PushOutcomeUpdate Update, TaskCompletionSource<bool> Done)> _queue =
        Channel.CreateUnbounded<(PushOutcomeUpdate, TaskCompletionSource<bool>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly PushOutcomes _outcomes;
    private readonly Task _writer;

    public PushOutcomeBatcher(PushOutcomes outcomes)
    {
        _outcomes = outcomes;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>
    /// Records an outcome; completes once it is committed, with whether the state machine let it apply, or fails with
    /// the commit's error.
    /// </summary>
    public Task<bool> RecordAsync(PushOutcomeUpdate update)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((update, done)))
        {
            done.SetException(new ObjectDisposedException(nameof(PushOutcomeBatcher)));
        }
        return done.Task;
    }

    private async Task WriteAsync()
    {
        var batch = new List<(PushOutcomeUpdate Update, TaskCompletionSource<bool> Done)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            try
            {
                var applied = await _outcomes.RecordAsync(batch.Select(b => b.Update).ToList());
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
