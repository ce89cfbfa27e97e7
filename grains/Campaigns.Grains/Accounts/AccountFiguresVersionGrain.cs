using Campaigns.Grains.Abstractions.Accounts;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// An agency's account-figures version (<see cref="IAccountFiguresVersionGrain"/>): a counter in memory, started at a
/// random value per activation so that no value is handed out twice, whatever deactivations happen between.
/// </summary>
public sealed class AccountFiguresVersionGrain : Grain, IAccountFiguresVersionGrain
{
    private long _version = Random.Shared.NextInt64();

    public Task<long> Current() => Task.FromResult(_version);

    public Task Advance()
    {
        _version++;
        return Task.CompletedTask;
    }
}
