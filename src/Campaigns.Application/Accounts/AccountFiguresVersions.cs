using Campaigns.Application.Common;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Storage.Reports;

namespace Campaigns.Application.Accounts;

/// <summary>
/// The agencies' account-figures versions (<see cref="IAccountFiguresVersionGrain"/>, one grain per agency, shared by
/// every silo): storage advances them after each commit that changes an account page's figures, and
/// <see cref="AccountPageFigures"/> reads them to tell whether the figures it keeps are still current.
/// </summary>
public sealed class AccountFiguresVersions(IGrainFactory grains) : IAccountFiguresChanged
{
    /// <summary>The agency's version now.</summary>
    public Task<long> CurrentAsync(string agencyId) => grains.Of<IAccountFiguresVersionGrain>(agencyId).Current();

    public Task ChangedAsync(IReadOnlyCollection<string> agencyIds) =>
        agencyIds.Count == 1
            ? grains.Of<IAccountFiguresVersionGrain>(agencyIds.First()).Advance()
            : Task.WhenAll(agencyIds.Select(agencyId => grains.Of<IAccountFiguresVersionGrain>(agencyId).Advance()));
}
