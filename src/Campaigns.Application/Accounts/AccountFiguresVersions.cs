using Campaigns.Application.Common;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Storage.Reports;
using Microsoft.Extensions.Logging;

namespace Campaigns.Application.Accounts;

/// <summary>
/// The agencies' account-figures versions (<see cref="IAccountFiguresVersionGrain"/>, one grain per agency, shared by
/// every silo): storage advances them after each commit that changes an account page's figures, and
/// <see cref="AccountPageFigures"/> reads them to tell whether the figures it keeps are still current.
/// </summary>
public sealed class AccountFiguresVersions(IGrainFactory grains, ILogger<AccountFiguresVersions> logger) : IAccountFiguresChanged
{
    /// <summary>The agency's version now.</summary>
    public Task<long> CurrentAsync(string agencyId) => grains.Of<IAccountFiguresVersionGrain>(agencyId).Current();

    public async Task ChangedAsync(IReadOnlyCollection<string> agencyIds)
    {
        try
        {
            await Task.WhenAll(agencyIds.Select(agencyId => grains.Of<IAccountFiguresVersionGrain>(agencyId).Advance()));
        }
        catch (Exception exception)
        {
            // The write is committed and stays a success, as it was before figures were kept: failing it now (a silo
            // stopping) would change what its caller sees. Kept figures then show it within FiguresMaxAgeMilliseconds.
            logger.LogWarning(exception, "Could not advance the account figures version of {AgencyIds}", agencyIds);
        }
    }
}
