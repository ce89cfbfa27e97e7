using Orleans.Concurrency;

namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>
/// The version of what an agency's account pages show (pushes, published, engagement, settled credits), keyed by the
/// agency's id: a write that changes any of it advances the version after its commit and before it is answered, so
/// figures read under the version that is current now are as fresh as a query of their own. A value never comes back:
/// each activation starts from a random one, so figures kept under an earlier activation's value are never taken for
/// current (the grain holds nothing durable and may be deactivated at any time).
/// </summary>
public interface IAccountFiguresVersionGrain : IGrainWithStringKey
{
    /// <summary>The version now.</summary>
    [ReadOnly]
    Task<long> Current();

    /// <summary>Moves to a new version: figures kept under an earlier one are no longer current.</summary>
    Task Advance();
}
