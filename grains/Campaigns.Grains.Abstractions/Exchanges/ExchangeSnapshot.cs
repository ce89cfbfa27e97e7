using Campaigns.Domain.Exchanges;

namespace Campaigns.Grains.Abstractions.Exchanges;

/// <summary>
/// An exchange as reserved; it never changes afterwards (its pushes and ledger entries carry what happens next).
/// <see cref="PushA"/> carries A's content (<see cref="VideoA"/>) and is posted by B, who earns <see cref="CreditsB"/>;
/// <see cref="PushB"/> carries B's content, posted by A, who earns <see cref="CreditsA"/>. <see cref="CampaignId"/>
/// is set when an exchange campaign made it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ExchangeSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] string? CampaignId,
    [property: Id(2)] string AccountA,
    [property: Id(3)] string AccountB,
    [property: Id(4)] ExchangeKind Kind,
    [property: Id(5)] string VideoA,
    [property: Id(6)] string VideoB,
    [property: Id(7)] DateTimeOffset At,
    [property: Id(8)] long CreditsA,
    [property: Id(9)] long CreditsB,
    [property: Id(10)] string PushA,
    [property: Id(11)] string PushB,
    [property: Id(12)] DateTimeOffset CreatedAt);
