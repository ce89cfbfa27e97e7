using Campaigns.Gateway.Errors;
using Campaigns.Grains.Abstractions.Common;

namespace Campaigns.Host.Tests;

/// <summary>What a fault says about the command it interrupted, which decides both the 503's words and the Idempotency-Key.</summary>
public sealed class FaultsTests
{
    [Fact]
    public void A_command_recorded_but_not_fully_applied_is_never_taken_for_a_cluster_timeout()
    {
        // The brand grain answered (its freeze is durable) but a call it made timed out: the retry must be allowed to run
        // it again, so its key is released. Guarded by "Incomplete(exception) is null" in Faults.IsClusterTimeout;
        // without it the key stays taken and the retry hears 409 "in progress" for two minutes.
        var incomplete = new CommandIncompleteException("frozen, not all paused", new TimeoutException("a campaign did not answer"));

        Assert.Same(incomplete, Faults.Incomplete(new AggregateException(incomplete)));
        Assert.False(Faults.IsClusterTimeout(incomplete));
        Assert.False(Faults.IsClusterTimeout(new AggregateException(incomplete)));
    }

    [Fact]
    public void A_bare_timeout_is_a_cluster_timeout_and_a_storage_fault_is_not()
    {
        Assert.True(Faults.IsClusterTimeout(new TimeoutException()));
        Assert.Null(Faults.Incomplete(new TimeoutException()));
        var storage = new StorageUnavailableException("down", new TimeoutException());
        Assert.True(Faults.IsStorage(storage));
        Assert.False(Faults.IsClusterTimeout(storage));
    }
}
