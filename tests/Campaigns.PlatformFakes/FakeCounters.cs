using System.Collections.Concurrent;

namespace Campaigns.PlatformFakes;

/// <summary>Thread-safe counts of what a fake saw, by name (operation names, <c>posts-created</c>, <c>posts-created:{handle}</c>, <c>refresh</c>).</summary>
public sealed class FakeCounters
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>The count of a name (0 when never counted).</summary>
    public long this[string name] => _counts.TryGetValue(name, out var count) ? count : 0;

    /// <summary>Adds to a count.</summary>
    public void Add(string name, long amount = 1) => _counts.AddOrUpdate(name, amount, (_, count) => count + amount);

    /// <summary>The name under which calls of <paramref name="operation"/> with a valid token of <paramref name="userId"/> are counted (a token valid when the call arrived).</summary>
    public static string By(string operation, string userId) => operation + "-by:" + userId;

    /// <summary>Calls of <paramref name="operation"/> (e.g. <c>video_query</c>) made with a token of one user that was valid when the call arrived.</summary>
    public long CallsBy(string operation, string userId) => this[By(operation, userId)];

    /// <summary>Posts created in all.</summary>
    public long Creates => this["posts-created"];

    /// <summary>Posts created for one correlation handle (publish id, session, container, upload).</summary>
    public long CreatesFor(string handle) => this["posts-created:" + handle];

    /// <summary>Posts created for one platform user.</summary>
    public long CreatesBy(string userId) => this["posts-created-by:" + userId];

    /// <summary>Token refreshes answered with new tokens.</summary>
    public long Refreshes => this["refresh"];

    /// <summary>Token refreshes refused (TikTok counts them: an unknown, expired or rotated-out refresh token).</summary>
    public long RefusedRefreshes => this["refresh-refused"];

    /// <summary>Upload bytes received and kept.</summary>
    public long UploadedBytes => this["upload-bytes"];

    /// <summary>Records a created post.</summary>
    public void Created(string handle, string userId)
    {
        Add("posts-created");
        Add("posts-created:" + handle);
        Add("posts-created-by:" + userId);
    }
}
