using System.Collections.Concurrent;

namespace Campaigns.Storage;

/// <summary>
/// The read side of <see cref="GroupCommit{TItem, TResult}"/>: many concurrent reads of per-entity rows or figures served by few
/// queries, without serving anything older than the request. Per agency at most one query runs at a time; reads that
/// arrive while it runs wait for the next one, which starts when it ends and answers all of them (the ids of one agency,
/// in one query). A read that arrives when nothing runs starts a query at once. So every answer comes from a query that
/// began after the read arrived — as fresh as a query of its own, read-your-writes included — while a hundred clients
/// reading the same agency cost one query per round rather than a hundred. A failed query fails the reads it answered.
/// </summary>
/// <typeparam name="TResult">The figures of one entity.</typeparam>
public sealed class BatchedReads<TResult>
{
    /// <summary>Reads the figures of these ids of one agency; ids without figures may be absent.</summary>
    public delegate Task<IReadOnlyDictionary<string, TResult>> Query(string agencyId, IReadOnlyCollection<string> ids);

    private readonly ConcurrentDictionary<string, AgencyQueue> _agencies = new(StringComparer.Ordinal);
    private readonly Query _query;
    private readonly TResult _absent;

    /// <param name="query">One query for many ids of an agency.</param>
    /// <param name="absent">The answer for an id the query returned nothing for.</param>
    public BatchedReads(Query query, TResult absent)
    {
        _query = query;
        _absent = absent;
    }

    /// <summary>The figures of one entity, read by a query that starts no earlier than this call.</summary>
    public Task<TResult> ReadAsync(string agencyId, string id, CancellationToken cancellationToken)
    {
        var queue = _agencies.GetOrAdd(agencyId, static _ => new AgencyQueue());
        Dictionary<string, TaskCompletionSource<TResult>>? batch = null;
        TaskCompletionSource<TResult>? answer;
        lock (queue)
        {
            if (!queue.Waiting.TryGetValue(id, out answer))
            {
                answer = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                queue.Waiting.Add(id, answer);
            }
            if (!queue.Running)
            {
                queue.Running = true;
                batch = queue.TakeWaiting();
            }
        }
        if (batch is not null)
        {
            // Not awaited: the loop answers this batch and every one that gathers meanwhile, then stops.
            _ = RunAsync(agencyId, queue, batch);
        }
        return answer.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync(string agencyId, AgencyQueue queue, Dictionary<string, TaskCompletionSource<TResult>> batch)
    {
        while (true)
        {
            try
            {
                var found = await _query(agencyId, batch.Keys);
                foreach (var (id, answer) in batch)
                {
                    answer.TrySetResult(found.TryGetValue(id, out var figures) ? figures : _absent);
                }
            }
            catch (Exception exception)
            {
                foreach (var answer in batch.Values)
                {
                    answer.TrySetException(exception);
                }
            }
            lock (queue)
            {
                if (queue.Waiting.Count == 0)
                {
                    queue.Running = false;
                    return;
                }
                batch = queue.TakeWaiting();
            }
        }
    }

    /// <summary>One agency's reads: those waiting for the next query, and whether a query is running.</summary>
    private sealed class AgencyQueue
    {
        public Dictionary<string, TaskCompletionSource<TResult>> Waiting { get; private set; } = new(StringComparer.Ordinal);

        public bool Running { get; set; }

        public Dictionary<string, TaskCompletionSource<TResult>> TakeWaiting()
        {
            var taken = Waiting;
            Waiting = new Dictionary<string, TaskCompletionSource<TResult>>(StringComparer.Ordinal);
            return taken;
        }
    }
}
