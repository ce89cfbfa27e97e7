using Campaigns.Application.Common;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;

namespace Campaigns.Application.Accounts;

/// <summary>Finds an agency's account grain from a client-supplied id.</summary>
public static class AccountLookup
{
    /// <summary>The id prefix of accounts.</summary>
    public const string Prefix = "acc";

    public static IAccountGrain? Grain(IGrainFactory grains, string agencyId, string accountId) =>
        EntityLookup.Grain<IAccountGrain>(grains, agencyId, accountId, Prefix);

    public static Outcome<T> NotFound<T>(string accountId) => EntityLookup.NotFound<T>("Account", accountId);
}
