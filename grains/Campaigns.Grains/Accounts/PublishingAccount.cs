using Campaigns.Grains.Abstractions.Accounts;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// The account a publish runs for, as its grain hands it to <see cref="AccountPublisher"/>: its snapshot, its webhook
/// secret (decrypted only when a webhook publish asks), its credential keeper and its activation's memory.
/// </summary>
internal sealed record PublishingAccount(
    string AgencyId, string AccountId, AccountSnapshot Snapshot, Func<string?> WebhookSecret, CredentialKeeper Keeper, PublishMemory Memory);
