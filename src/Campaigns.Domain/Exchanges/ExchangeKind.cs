namespace Campaigns.Domain.Exchanges;

/// <summary>What each side of an exchange posts of its partner's: a repost, a shout-out, or a duet with the video.</summary>
public enum ExchangeKind
{
    Repost,
    Shoutout,
    Duet,
}
