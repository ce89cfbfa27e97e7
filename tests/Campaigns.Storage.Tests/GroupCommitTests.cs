namespace Campaigns.Storage.Tests;

/// <summary>Group commit: items arriving together share a commit; with two writers a batch need not wait for another's commit.</summary>
public sealed class GroupCommitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Items_that_arrive_while_a_batch_commits_are_committed_together_after_it()
    {
        var commits = new Commits();
        await using var commit = new GroupCommit<int, bool>(commits.CommitAsync, maxBatch: 100);
        using var release = commits.ReleaseAllOnExit();

        var first = commit.AddAsync(1);
        await commits.Started(1).WaitAsync(Patience);
        var waiting = new[] { commit.AddAsync(2), commit.AddAsync(3) };
        commits.Release(1);

        Assert.True(await first.WaitAsync(Patience));
        await commits.Started(2).WaitAsync(Patience);
        Assert.False(waiting[0].IsCompleted); // one writer: the second batch began only after the first was committed
        commits.Release(2);
        var flags = await Task.WhenAll(waiting).WaitAsync(Patience);
        Assert.Equal([true, true], flags);
        Assert.Equal(new[] { new[] { 1 }, new[] { 2, 3 } }, commits.Batches);
    }

    [Fact]
    public async Task With_two_writers_a_batch_is_committed_while_the_one_before_is_still_committing()
    {
        var commits = new Commits();
        await using var commit = new GroupCommit<int, bool>(commits.CommitAsync, maxBatch: 100, writers: 2);
        using var release = commits.ReleaseAllOnExit();

        var first = commit.AddAsync(1);
        await commits.Started(1).WaitAsync(Patience);
        var second = commit.AddAsync(2);

        // With one writer (`Enumerable.Range(0, writers)` in GroupCommit's constructor made a single loop) the second
        // batch waits for the first's commit, which this test holds back: Started(2) times out.
        await commits.Started(2).WaitAsync(Patience);
        commits.Release(2);
        Assert.True(await second.WaitAsync(Patience));
        Assert.False(first.IsCompleted);
        commits.Release(1);
        Assert.True(await first.WaitAsync(Patience));
    }

    /// <summary>A commit function whose n-th call waits until the test releases it.</summary>
    private sealed class Commits
    {
        private readonly List<TaskCompletionSource> _started = [], _released = [];

        public List<int[]> Batches { get; } = [];

        public Task Started(int n) => Slot(_started, n).Task;

        public void Release(int n) => Slot(_released, n).TrySetResult();

        /// <summary>Lets every commit end when the test does, pass or fail, so that disposing the group commit returns.</summary>
        public IDisposable ReleaseAllOnExit() => new Releaser(this);

        private sealed class Releaser(Commits commits) : IDisposable
        {
            public void Dispose()
            {
                for (var n = 1; n <= 10; n++)
                {
                    commits.Release(n);
                }
            }
        }

        public async Task<IReadOnlyList<bool>> CommitAsync(IReadOnlyList<int> items)
        {
            int n;
            lock (Batches)
            {
                Batches.Add([.. items]);
                n = Batches.Count;
            }
            Slot(_started, n).TrySetResult();
            await Slot(_released, n).Task;
            return items.Select(_ => true).ToList();
        }

        private TaskCompletionSource Slot(List<TaskCompletionSource> slots, int n)
        {
            lock (slots)
            {
                while (slots.Count < n)
                {
                    slots.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                }
                return slots[n - 1];
            }
        }
    }
}
