using Campaigns.Domain.Exchanges;

namespace Campaigns.Grains.Abstractions.Exchanges;

/// <summary>
/// One push of an exchange as proposed: who posts which video, where and when. <see cref="PushId"/> is given for a
/// campaign's pushes (derived from the campaign's plan) and chosen by the ledger for a standalone exchange.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ExchangePush(
    [property: Id(0)] string? PushId,
    [property: Id(1)] string PostedBy,
    [property: Id(2)] string VideoId,
    [property: Id(3)] string Platform,
    [property: Id(4)] string? Brand,
    [property: Id(5)] string? Caption,
    [property: Id(6)] List<string> Hashtags,
    [property: Id(7)] DateTimeOffset ScheduledAt);

/// <summary>
/// An exchange to reserve: <see cref="ForA"/> is B posting A's content, <see cref="ForB"/> is A posting B's. The
/// ledger fixes each side's worth from its followers when it reserves.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ExchangeDraft(
    [property: Id(0)] string AccountA,
    [property: Id(1)] string AccountB,
    [property: Id(2)] ExchangeKind Kind,
    [property: Id(3)] ExchangePush ForA,
    [property: Id(4)] ExchangePush ForB);
