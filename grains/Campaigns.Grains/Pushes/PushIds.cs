using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Grains.Pushes;

/// <summary>
/// Push ids derived from the campaign and the push's place in the plan, so that launching again after a crash
/// half-way through writes the same rows, not a second set.
/// </summary>
public static class PushIds
{
    public const string Prefix = "psh";

    public static string For(string campaignId, int index) => Hashed($"{campaignId}/{index}");

    /// <summary>The push an amplify rule adds for an account, so that finishing a firing again adds it once.</summary>
    public static string ForAmplify(string campaignId, int ruleIndex, string sourcePushId, string accountId) =>
        Hashed($"{campaignId}/rule{ruleIndex}/{sourcePushId}/{accountId}");

    private static string Hashed(string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return $"{Prefix}_{Convert.ToHexStringLower(hash)[..22]}";
    }
}
