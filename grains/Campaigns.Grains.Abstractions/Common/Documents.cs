using System.Text.Json;
using System.Text.Json.Serialization;

namespace Campaigns.Grains.Abstractions.Common;

/// <summary>
/// The JSON form of grain snapshots kept in read-model rows, so a list is served from one query without waking a
/// grain per row, and a grain can adopt its state from its row.
/// </summary>
public static class Documents
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serialises a snapshot.</summary>
    public static string Serialize<T>(T snapshot) => JsonSerializer.Serialize(snapshot, Options);

    /// <summary>Reads a snapshot back.</summary>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Empty {typeof(T).Name} document.");
}
