using Campaigns.Storage;
using Campaigns.Testing;

namespace Campaigns.Host.Tests;

/// <summary>
/// The coalescing behind <c>GET /v1/accounts/{id}</c>'s figures: many concurrent reads cost few queries, and no read
/// is ever answered by a query that started before it arrived. Queries here are held open by the test, so every
/// interleaving is decided by the test, not by timing.
/// </summary>
public sealed class BatchedReadsTests
{
    /// <summary>Queries as they were asked, each answered when the test says so.</summary>
    private sealed class HeldQueries
    {
        public List<(string AgencyId, string[] Ids, TaskCompletionSource<IReadOnlyDictionary<string, int>> Answer)> Asked { get; } = [];

        public Task<IReadOnlyDictionary<string, int>> Run(string agencyId, IReadOnlyCollection<string> ids)
        {
            var answer = new TaskCompletionSource<IReadOnlyDictionary<string, int>>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (Asked)
            {
                Asked.Add((agencyId, ids.Order(StringComparer.Ordinal).ToArray(), answer));
            }
            return answer.Task;
        }

        public int Count
        {
            get
            {
                lock (Asked)
                {
                    return Asked.Count;
                }
            }
        }

        public void Answer(int query, int value) =>
            Asked[query].Answer.SetResult(Asked[query].Ids.ToDictionary(id => id, _ => value));
    }

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_read_that_arrives_while_a_query_runs_is_answered_by_the_next_query_not_by_the_running_one()
    {
        var queries = new HeldQueries();
        var reads = new BatchedReads<int>(queries.Run, absent: -1);

        var first = reads.ReadAsync("agy_1", "acc_a", CancellationToken.None);
        var second = reads.ReadAsync("agy_1", "acc_a", CancellationToken.None);
        Assert.Single(queries.Asked);

        // Guard: ReadAsync hands the running query the reads gathered so far (TakeWaiting) and later reads gather in a
        // fresh set. Let the running query see the live set instead, and the second read is answered with 1 here.
        queries.Answer(0, value: 1);
        Assert.Equal(1, await first.WaitAsync(Deadline));
        await Poll.Until(() => Task.FromResult(queries.Count == 2), Deadline);
        Assert.False(second.IsCompleted);
        queries.Answer(1, value: 2);
        Assert.Equal(2, await second.WaitAsync(Deadline));
    }

    [Fact]
    public async Task Reads_gathered_while_a_query_runs_share_one_query_with_all_their_ids()
    {
        var queries = new HeldQueries();
        var reads = new BatchedReads<int>(queries.Run, absent: -1);

        var first = reads.ReadAsync("agy_1", "acc_a", CancellationToken.None);
        // Guard: `if (!queue.Running)` in ReadAsync. Without it each of these reads would start its own query.
        var gathered = Enumerable.Range(0, 20).Select(i => reads.ReadAsync("agy_1", $"acc_{i % 5}", CancellationToken.None)).ToList();
        Assert.Single(queries.Asked);

        queries.Answer(0, value: 1);
        await first.WaitAsync(Deadline);
        await Poll.Until(() => Task.FromResult(queries.Count == 2), Deadline);
        Assert.Equal(["acc_0", "acc_1", "acc_2", "acc_3", "acc_4"], queries.Asked[1].Ids);
        queries.Answer(1, value: 7);
        Assert.All(await Task.WhenAll(gathered).WaitAsync(Deadline), v => Assert.Equal(7, v));
        Assert.Equal(2, queries.Asked.Count);
    }

    [Fact]
    public async Task An_id_the_query_does_not_return_is_answered_with_the_absent_value()
    {
        var queries = new HeldQueries();
        var reads = new BatchedReads<int>(queries.Run, absent: -1);

        var read = reads.ReadAsync("agy_1", "acc_none", CancellationToken.None);
        queries.Asked[0].Answer.SetResult(new Dictionary<string, int>());

        Assert.Equal(-1, await read.WaitAsync(Deadline));
    }

    [Fact]
    public async Task A_failed_query_fails_its_reads_and_the_next_read_queries_again()
    {
        var queries = new HeldQueries();
        var reads = new BatchedReads<int>(queries.Run, absent: -1);

        var failing = reads.ReadAsync("agy_1", "acc_a", CancellationToken.None);
        queries.Asked[0].Answer.SetException(new TimeoutException("database down"));
        await Assert.ThrowsAsync<TimeoutException>(() => failing.WaitAsync(Deadline));

        var next = reads.ReadAsync("agy_1", "acc_a", CancellationToken.None);
        await Poll.Until(() => Task.FromResult(queries.Count == 2), Deadline);
        queries.Answer(1, value: 3);
        Assert.Equal(3, await next.WaitAsync(Deadline));
    }

    [Fact]
    public async Task Agencies_do_not_wait_for_each_other()
    {
        var queries = new HeldQueries();
        var reads = new BatchedReads<int>(queries.Run, absent: -1);

        _ = reads.ReadAsync("agy_1", "acc_a", CancellationToken.None);
        var other = reads.ReadAsync("agy_2", "acc_a", CancellationToken.None);

        Assert.Equal(2, queries.Asked.Count);
        Assert.Equal("agy_2", queries.Asked[1].AgencyId);
        queries.Answer(1, value: 5);
        Assert.Equal(5, await other.WaitAsync(Deadline));
    }
}
