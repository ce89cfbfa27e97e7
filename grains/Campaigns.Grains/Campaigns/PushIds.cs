using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Grains.Campaigns;

/// <summary>
/// Push ids derived from the campaign and the push's place in the plan, so that launching again after a crash
/// half-way through writes the same rows, not a second set.
/// </summary>
public static class PushIds
{
    public const string Prefix = "psh";

    public static string For(string campaignId, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{campaignId}/{index}"));
        return $"{Prefix}_{Convert.ToHexStringLower(hash)[..22]}";
    }
}
