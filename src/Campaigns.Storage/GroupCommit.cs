using System.Threading.Channels;

namespace Campaigns.Storage;

/// <summary>
/// Group commit: items that arrive together are written by one call of the commit function — one transaction —
/// instead of one each, so a burst is bound by the database's commits per batch, not per item. Each caller still
/// waits until its own item is durable and learns what the commit said about it (or the commit's error). With more
/// than one writer, items that arrive while a batch is being committed form the next batch at once instead of
/// waiting for that commit to end: the transactions overlap, and a caller waits for its own commit only.
/// </summary>
/// <typeparam name="TItem">What one caller hands in.</typeparam>
/// <typeparam name="TResult">What the commit tells each caller about its item.</typeparam>
public sealed class GroupCommit<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<(TItem Item, TaskCompletionSource<TResult> Done)> _queue;
    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> _commit;
    private readonly Action<int> _committed;
    private readonly int _maxBatch;
    private readonly Task[] _writers;

    /// <param name="commit">Writes a batch in one transaction; answers one result per item, in order.</param>
    /// <param name="maxBatch">Items per transaction at most.</param>
    /// <param name="committed">Told the size of each batch once it is committed (for metrics).</param>
    /// <param name="writers">Batches committed at the same time at most; the commit function must allow that.</param>
    public GroupCommit(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> commit, int maxBatch, Action<int>? committed = null, int writers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        _queue = Channel.CreateUnbounded<(TItem, TaskCompletionSource<TResult>)>(new UnboundedChannelOptions { SingleReader = writers == 1 });
        _commit = commit;
        _committed = committed ?? (_ => { });
        _maxBatch = maxBatch;
        _writers = Enumerable.Range(0, writers).Select(_ => Task.Run(WriteAsync)).ToArray();
    }

    /// <summary>Queues an item; completes once its batch is committed, with the commit's result for it.</summary>
    public Task<TResult> AddAsync(TItem item)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((item, done)))
        {
            done.SetException(new ObjectDisposedException(nameof(GroupCommit<TItem, TResult>)));
        }
        return done.Task;
    }

    private async Task WriteAsync()
    {
        var batch = new List<(TItem Item, TaskCompletionSource<TResult> Done)>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var queued))
            {
                batch.Add(queued);
            }
            if (batch.Count == 0)
            {
                continue; // another writer took what woke this one
            }
            try
            {
                var results = await _commit(batch.Select(b => b.Item).ToList());
                _committed(batch.Count);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.SetResult(results[i]);
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
        await Task.WhenAll(_writers);
    }
}
