using Campaigns.Connectors.Platforms;
using Microsoft.Extensions.Logging;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// Makes the <see cref="CredentialKeeper"/> of each account grain activation, with the platforms it renews tokens
/// through and the clock it times renewals by. Its log lines keep the account grain's category.
/// </summary>
public sealed class CredentialKeepers(PlatformRegistry platforms, TimeProvider clock, ILogger<AccountGrain> logger)
{
    /// <summary>The keeper of the credential <paramref name="account"/> holds.</summary>
    internal CredentialKeeper For(ICredentialHolder account, string accountId) => new(account, accountId, platforms, clock, logger);
}
