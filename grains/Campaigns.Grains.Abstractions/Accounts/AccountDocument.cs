using System.Text.Json;
using System.Text.Json.Serialization;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;

namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>
/// The JSON form of an <see cref="AccountSnapshot"/> kept in the read model, so a list is served from one
/// query without waking a grain per row.
/// </summary>
public static class AccountDocument
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serialises a snapshot.</summary>
    public static string Serialize(AccountSnapshot account) => JsonSerializer.Serialize(account, Options);

    /// <summary>Reads a snapshot back.</summary>
    public static AccountSnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize<AccountSnapshot>(json, Options) ?? throw new JsonException("Empty account document.");

    /// <summary>The case-folded handle that must be unique per platform within an agency.</summary>
    public static string HandleKey(string handle) => handle.Trim().ToLowerInvariant();

    /// <summary>The platform word stored in the read model.</summary>
    public static string PlatformWord(Platform platform) => WireName<Platform>.Of(platform);
}
