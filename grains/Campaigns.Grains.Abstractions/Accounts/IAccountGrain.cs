using Campaigns.Grains.Abstractions.Common;
using Orleans.Concurrency;

namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>One account of an agency's matrix, keyed <c>{agencyId}/{accountId}</c>; created by <see cref="IAccountCreationGrain"/>.</summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>The account, or null when it does not exist.</summary>
    Task<AccountSnapshot?> Get();

    /// <summary>Applies a partial update.</summary>
    Task<Outcome<AccountSnapshot>> Update(AccountPatch patch);

    /// <summary>Stops the account from publishing; suspending a suspended account is a conflict.</summary>
    Task<Outcome<AccountSnapshot>> Suspend();

    /// <summary>Lets a suspended account publish again; resuming an active account is a conflict.</summary>
    Task<Outcome<AccountSnapshot>> Resume();

    /// <summary>
    /// Publishes one push through the account's connector, one at a time per account: re-checks that the account may
    /// post now, applies the platform's rate limit, and never re-posts blindly after an unknown outcome. A publish
    /// lasts as long as the platform (and the rate limit's queue) takes: the response timeout is an hour, far beyond
    /// any connector's own timeouts, so a slow but live publish is never cut short by the usual 30 s grain-call
    /// timeout. The push's lease, renewed by the calling silo, is what tells a live publish from a lost one.
    /// </summary>
    [ResponseTimeout("01:00:00")]
    Task<PublishReport> Publish(PublishCommand command);

    /// <summary>
    /// Gets ready to publish soon: activates the account and loads what <see cref="Publish"/> checks caps against,
    /// so a push claimed ahead of its instant spends its instant publishing rather than reading.
    /// </summary>
    Task Prepare();

    /// <summary>
    /// Records a follower snapshot in the history; the newest snapshot becomes the account's follower count.
    /// The same instant again is idempotent with the same count and a conflict with another. Without an instant the
    /// snapshot is taken now, or just after the account's newest one if that is not earlier, so it is the newest.
    /// </summary>
    Task<Outcome<FollowerRecord>> RecordFollowers(DateTimeOffset? at, long count);

    /// <summary>
    /// Exchanges the code of a checked OAuth callback for tokens and keeps them, encrypted; the account becomes
    /// connected. Refused (400 on <c>code</c>) when the platform refuses the code, a conflict when the account moved to
    /// another connector since. Interleaves with a running publish: connecting must not wait for an upload.
    /// </summary>
    [AlwaysInterleave, ResponseTimeout("00:02:00")]
    Task<Outcome<AccountCredential>> Connect(CredentialGrant grant);

    /// <summary>
    /// The access token to use now — renewed first when it is close to expiry — or why there is none (not connected,
    /// needs re-authorization, platform or storage unavailable). Never logged.
    /// </summary>
    [AlwaysInterleave, ResponseTimeout("00:02:00")]
    Task<CredentialResult> GetCredential();

    /// <summary>
    /// A credential newer than <paramref name="stale"/>, which the platform called invalid: renews it unless another
    /// caller already did. Concurrent callers wait for one renewal. A rotated refresh token is stored before the new
    /// access token is handed out; a refused renewal leaves the account needs-reauth.
    /// </summary>
    [AlwaysInterleave, ResponseTimeout("00:02:00")]
    Task<CredentialResult> RefreshCredential(AccessCredential stale);

    /// <summary>
    /// Renews the credential of an account that may not publish for a while, so it does not lapse unused: when its
    /// refresh token (or, without one, its access token) expires within the platform's <c>RenewIdleWithin</c>. True
    /// when renewed. Called by the credential renewal sweep; a refused renewal leaves the account needs-reauth.
    /// </summary>
    [AlwaysInterleave, ResponseTimeout("00:02:00")]
    Task<bool> KeepCredentialAlive();
}
