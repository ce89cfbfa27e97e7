using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Accounts;

namespace Campaigns.Grains.Tests.Support;

/// <summary>Valid account drafts, as the application layer would hand them to a grain.</summary>
internal static class Drafts
{
    public const string Secret = "whsec-do-not-leak-5f1c";

    public static AccountDraft Account(string handle, Platform platform = Platform.Douyin, string displayName = "Glow Lab") => new(
        platform,
        handle,
        displayName,
        Brand: "Glow",
        AccountKind.Influencer,
        Persona: "Skincare for busy mornings",
        AudienceTags: new(Tags.NormalizeWeighted([new("ＳＫＩＮ  Care", 0.9), new("美妆", 0.6)])),
        TimeZone: "Asia/Shanghai",
        Followers: 12_000,
        new AccountCaps(5, 30, new TimeOnly(23, 0), new TimeOnly(7, 0)),
        new AccountConnector(ConnectorType.Webhook, "https://publisher.example/hook", Secret));

    public static string NewAgencyId() => Ids.New("agy");

    public static string NewAccountId() => Ids.New("acc");
}
