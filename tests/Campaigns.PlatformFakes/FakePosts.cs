using System.Collections.Concurrent;

namespace Campaigns.PlatformFakes;

/// <summary>A post a fake created.</summary>
public sealed record FakePost(string Id, string UserId, string Handle, string Text, long Size, DateTimeOffset CreatedAt);

/// <summary>
/// The posts a fake created, with engagement that grows with the fake's clock: views at
/// <see cref="ViewsPerMinute"/>, likes a tenth of views, comments a hundredth, shares a fiftieth — unless a test
/// <see cref="SetEngagement">set</see> a post's numbers.
/// </summary>
public sealed class FakePosts(TimeProvider clock, FakeCounters counters)
{
    private readonly ConcurrentDictionary<string, FakePost> _posts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long, long, long, long)> _set = new(StringComparer.Ordinal);
    private long _next = 7_300_000_000_000_000_000;

    /// <summary>Views each post gains per minute on the fake's clock (default 600).</summary>
    public long ViewsPerMinute { get; set; } = 600;

    /// <summary>Every post created, in no order.</summary>
    public IReadOnlyCollection<FakePost> All => _posts.Values.ToArray();

    /// <summary>Creates a post and counts it against its handle and user.</summary>
    public FakePost Create(string handle, string userId, string text, long size)
    {
        var post = new FakePost(Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture), userId, handle, text, size, clock.GetUtcNow());
        _posts[post.Id] = post;
        counters.Created(handle, userId);
        return post;
    }

    /// <summary>A post by id, if it exists.</summary>
    public FakePost? Find(string id) => _posts.TryGetValue(id, out var post) ? post : null;

    /// <summary>The newest posts of a user.</summary>
    public IReadOnlyList<FakePost> Of(string userId) =>
        _posts.Values.Where(p => p.UserId == userId).OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id, StringComparer.Ordinal).ToArray();

    /// <summary>From now on the platform reports these numbers for the post (until set again).</summary>
    public void SetEngagement(string postId, long views, long likes, long comments, long shares) =>
        _set[postId] = (views, likes, comments, shares);

    /// <summary>Views, likes, comments and shares of a post now.</summary>
    public (long Views, long Likes, long Comments, long Shares) Engagement(FakePost post)
    {
        if (_set.TryGetValue(post.Id, out var set))
        {
            return set;
        }
        var minutes = Math.Max(0, (clock.GetUtcNow() - post.CreatedAt).TotalMinutes);
        var views = (long)(minutes * ViewsPerMinute);
        return (views, views / 10, views / 100, views / 50);
    }
}
