using Campaigns.Connectors.Platforms;
using Campaigns.Domain.Accounts;

namespace Campaigns.Connectors.Tests.Platforms;

/// <summary>The driver's rules, against a scripted connector.</summary>
public sealed class PublishDriverTests
{
    private static readonly PlatformPost Post = new("psh", new Uri("https://cdn.example.test/v.mp4"), null, "c", [], 10);
    private static readonly PublishHandle First = new(ConnectorType.Tiktok, "a", "h1");
    private static readonly PublishHandle Second = new(ConnectorType.Tiktok, "b", "h2");

    [Fact]
    public async Task Every_new_handle_is_saved_before_the_step_that_follows_it()
    {
        var events = new List<string>();
        var connector = new ScriptedConnector(events, PublishStep.Next(First), PublishStep.Next(Second), PublishStep.Done(Second, "post-1", DateTimeOffset.UtcNow));

        var step = await Driver().RunAsync(connector, Post, null, new FixedCredentials(events), Save(events), null, default);

        Assert.Equal("post-1", step.PostId);
        Assert.Equal(["begin", "save h1", "continue h1", "save h2", "continue h2"], events);
    }

    [Fact]
    public async Task A_wait_longer_than_a_run_may_take_is_handed_back_with_its_handle_saved()
    {
        var events = new List<string>();
        var connector = new ScriptedConnector(events, PublishStep.Next(First), PublishStep.WaitFor(First, TimeSpan.FromHours(1)));

        var step = await Driver().RunAsync(connector, Post, null, new FixedCredentials(events), Save(events), null, default);

        Assert.Equal((PublishStepKind.Wait, First), (step.Kind, step.Handle));
        Assert.Equal(["begin", "save h1", "continue h1"], events);
    }

    [Fact]
    public async Task An_invalid_token_is_refreshed_once_and_a_second_refusal_is_handed_back()
    {
        var events = new List<string>();
        var invalid = PublishStep.Fail(First, new PlatformFailure(FailureKind.TokenInvalid, "access_token_invalid", "x"));
        var connector = new ScriptedConnector(events, PublishStep.Next(First), invalid, invalid);

        var step = await Driver().RunAsync(connector, Post, null, new FixedCredentials(events), Save(events), null, default);

        Assert.Equal(FailureKind.TokenInvalid, step.Failure!.Kind);
        Assert.Equal(["begin", "save h1", "continue h1", "refresh", "continue h1"], events);
    }

    [Fact]
    public async Task A_transient_failure_without_a_handle_clears_the_stored_one_and_begins_again()
    {
        var events = new List<string>();
        var gone = PublishStep.Fail(null, new PlatformFailure(FailureKind.Transient, "session_expired", "x"));
        var connector = new ScriptedConnector(events, gone, PublishStep.Next(Second), PublishStep.Done(Second, "p", DateTimeOffset.UtcNow));

        var step = await Driver().RunAsync(connector, Post, First, new FixedCredentials(events), Save(events), null, default);

        Assert.Equal(PublishStepKind.Published, step.Kind);
        Assert.Equal(["continue h1", "save -", "begin", "save h2", "continue h2"], events);
    }

    [Fact]
    public async Task A_refusal_or_rate_limit_ends_the_run_at_once()
    {
        var events = new List<string>();
        var limited = PublishStep.Fail(First, new PlatformFailure(FailureKind.RateLimited, "429", "x", TimeSpan.FromSeconds(30)));
        var connector = new ScriptedConnector(events, PublishStep.Next(First), limited);

        var step = await Driver().RunAsync(connector, Post, null, new FixedCredentials(events), Save(events), null, default);

        Assert.Equal((FailureKind.RateLimited, TimeSpan.FromSeconds(30)), (step.Failure!.Kind, step.Delay));
        Assert.Equal(3, events.Count);
    }

    private static PublishDriver Driver() =>
        new(TimeProvider.System, new PublishDriverOptions { TransientDelay = TimeSpan.FromMilliseconds(1), MaxInlineWait = TimeSpan.FromSeconds(1) });

    private static Func<PublishHandle?, CancellationToken, ValueTask> Save(List<string> events) =>
        (handle, _) =>
        {
            events.Add($"save {handle?.Id ?? "-"}");
            return ValueTask.CompletedTask;
        };

    private sealed class FixedCredentials(List<string> events) : ICredentialSource
    {
        public ValueTask<PlatformCredential> CurrentAsync(CancellationToken cancellationToken) => ValueTask.FromResult(new PlatformCredential("t", "u"));

        public ValueTask<PlatformResult<PlatformCredential>> RefreshAsync(PlatformCredential stale, CancellationToken cancellationToken)
        {
            events.Add("refresh");
            return ValueTask.FromResult(PlatformResult<PlatformCredential>.Success(new PlatformCredential("t2", "u")));
        }
    }

    /// <summary>Answers its steps in order, noting each call.</summary>
    private sealed class ScriptedConnector(List<string> events, params PublishStep[] steps) : IPlatformConnector
    {
        private int _next;

        public ConnectorType Type => ConnectorType.Tiktok;
        public Platform Platform => Platform.Tiktok;
        public int MetricsBatchSize => 1;

        public Task<PublishStep> BeginAsync(PlatformPost post, PlatformCredential credential, CancellationToken cancellationToken)
        {
            events.Add("begin");
            return Task.FromResult(steps[_next++]);
        }

        public Task<PublishStep> ContinueAsync(PublishHandle handle, PlatformPost post, PlatformCredential credential, IProgress<long>? uploaded, CancellationToken cancellationToken)
        {
            events.Add($"continue {handle.Id}");
            return Task.FromResult(steps[_next++]);
        }

        public Task<PublishStep> StatusAsync(PublishHandle handle, PlatformCredential credential, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<PlatformResult<IReadOnlyList<PostMetrics>>> MetricsAsync(IReadOnlyList<string> postIds, PlatformCredential credential, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<PlatformResult<long>> FollowersAsync(PlatformCredential credential, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
