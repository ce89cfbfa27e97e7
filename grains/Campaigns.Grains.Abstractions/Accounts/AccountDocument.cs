using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Common;

namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>
/// The JSON form of an <see cref="AccountSnapshot"/> kept in the read model, so a list is served from one
/// query without waking a grain per row.
/// </summary>
public static class AccountDocument
{
    /// <summary>Serialises a snapshot, in the one document format every read model uses.</summary>
    public static string Serialize(AccountSnapshot account) => Documents.Serialize(account);

    /// <summary>Reads a snapshot back.</summary>
    public static AccountSnapshot Deserialize(string json) => Documents.Deserialize<AccountSnapshot>(json);

    /// <summary>The case-folded handle that must be unique per platform within an agency.</summary>
    public static string HandleKey(string handle) => handle.Trim().ToLowerInvariant();

    /// <summary>The platform word stored in the read model.</summary>
    public static string PlatformWord(Platform platform) => WireName<Platform>.Of(platform);
}
