using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;

namespace Campaigns.Application.Accounts;

/// <summary>Finds an agency's account grain from a client-supplied id.</summary>
public static class AccountLookup
{
    /// <summary>The id prefix of accounts.</summary>
    public const string Prefix = "acc";

    /// <summary>The grain, or null when the id cannot be an account id (answered 404 without waking a grain).</summary>
    public static IAccountGrain? Grain(IGrainFactory grains, string agencyId, string accountId) =>
        Ids.HasShape(accountId, Prefix) ? grains.GetGrain<IAccountGrain>(GrainKeys.For(agencyId, accountId)) : null;

    /// <summary>The refusal for an account this agency does not have.</summary>
    public static Outcome<T> NotFound<T>(string accountId) =>
        Outcome<T>.Fail(ErrorKind.NotFound, $"Account {accountId} was not found.");
}
