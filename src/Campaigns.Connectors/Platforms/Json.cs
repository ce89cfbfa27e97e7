using System.Globalization;
using System.Text.Json;

namespace Campaigns.Connectors.Platforms;

/// <summary>Tolerant readers for platform JSON: numbers may come as strings, fields may be missing.</summary>
internal static class Json
{
    /// <summary>The element at a property path, or null.</summary>
    public static JsonElement? At(this JsonElement? root, params string[] path)
    {
        if (root is not { } element)
        {
            return null;
        }
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }
        return element;
    }

    /// <summary>A string (or a number as text) at a path, or null.</summary>
    public static string? Str(this JsonElement? root, params string[] path) =>
        root.At(path) switch
        {
            { ValueKind: JsonValueKind.String } e => e.GetString(),
            { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
            _ => null,
        };

    /// <summary>An integer (or an integer in a string) at a path, or null.</summary>
    public static long? Long(this JsonElement? root, params string[] path) =>
        root.At(path) switch
        {
            { ValueKind: JsonValueKind.Number } e when e.TryGetInt64(out var n) => n,
            { ValueKind: JsonValueKind.Number } e when e.TryGetDouble(out var d) => (long)d,
            { ValueKind: JsonValueKind.String } e when long.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };

    /// <summary>The items of an array at a path (empty when there is none).</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement? root, params string[] path) =>
        root.At(path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>Strings of an array at a path, or of a comma- or space-separated string.</summary>
    public static IReadOnlyList<string> Words(this JsonElement? root, params string[] path) =>
        root.At(path) switch
        {
            { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Select(e => e.ToString()).ToArray(),
            { ValueKind: JsonValueKind.String } s => s.GetString()!.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            _ => [],
        };

    /// <summary>A string at a path of an element, or null.</summary>
    public static string? Str(this JsonElement element, params string[] path) => ((JsonElement?)element).Str(path);

    /// <summary>An integer at a path of an element, or null.</summary>
    public static long? Long(this JsonElement element, params string[] path) => ((JsonElement?)element).Long(path);

    /// <summary>The items of an array at a path of an element.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element, params string[] path) => ((JsonElement?)element).Items(path);

    /// <summary>An instant <paramref name="seconds"/> after <paramref name="now"/>, or null without a positive figure.</summary>
    public static DateTimeOffset? After(DateTimeOffset now, long? seconds) => seconds is > 0 ? now.AddSeconds(seconds.Value) : null;
}
