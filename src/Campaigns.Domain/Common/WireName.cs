using System.Collections.Frozen;
using System.Text;

namespace Campaigns.Domain.Common;

/// <summary>
/// Maps enum members to the kebab-case words the HTTP contract uses (<c>WechatChannels</c> ⇄ <c>wechat-channels</c>).
/// Parsing is exact: the API documents lower-case words, so "Douyin" is not silently accepted.
/// </summary>
public static class WireName<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<string, TEnum> ByWord =
        Enum.GetValues<TEnum>().ToFrozenDictionary(ToWire, v => v, StringComparer.Ordinal);

    private static readonly FrozenDictionary<TEnum, string> ByValue =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, ToWire);

    /// <summary>Every accepted word, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<TEnum>().Select(ToWire).ToArray();

    /// <summary>The word for a value.</summary>
    public static string Of(TEnum value) => ByValue[value];

    /// <summary>Parses a word; false for anything not in <see cref="All"/>.</summary>
    public static bool TryParse(string? word, out TEnum value)
    {
        if (word is not null && ByWord.TryGetValue(word, out value))
        {
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Parses a word the caller has already validated.</summary>
    public static TEnum Parse(string word) =>
        TryParse(word, out var value) ? value : throw new FormatException($"'{word}' is not one of: {string.Join(", ", All)}.");

    private static string ToWire(TEnum value)
    {
        var name = value.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('-');
            }
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }
}
