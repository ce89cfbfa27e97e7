using Campaigns.Grains.Abstractions.Common;

namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>One account of an agency's matrix, keyed <c>{agencyId}/{accountId}</c>.</summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; its handle must be free on its platform within the agency.</summary>
    Task<Outcome<AccountSnapshot>> Create(AccountDraft draft);

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
    /// The same instant again is idempotent with the same count and a conflict with another.
    /// </summary>
    Task<Outcome<FollowerRecord>> RecordFollowers(DateTimeOffset at, long count);
}
