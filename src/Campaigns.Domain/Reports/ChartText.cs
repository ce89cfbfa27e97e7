using System.Globalization;
using System.Text;
using System.Xml;

namespace Campaigns.Domain.Reports;

/// <summary>Number, percentage and time labels for charts, and text made safe for XML.</summary>
public static class ChartText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A count in few characters: 950, 12,400, 1.2M, 3.4B.</summary>
    public static string Compact(double value) => Math.Abs(value) switch
    {
        >= 1e9 => (value / 1e9).ToString("0.#", Invariant) + "B",
        >= 1e6 => (value / 1e6).ToString("0.#", Invariant) + "M",
        >= 1e5 => (value / 1e3).ToString("0", Invariant) + "k",
        _ => value.ToString("#,0", Invariant),
    };

    /// <summary>A count in full: 1,234,567.</summary>
    public static string Full(long value) => value.ToString("#,0", Invariant);

    /// <summary>Money with two decimals and separators: 12,345.60.</summary>
    public static string Money(decimal value) => value.ToString("#,0.00", Invariant);

    /// <summary>A rate as a percentage with sensible precision (12 %, 3.4 %, 0.25 %), or an en dash when unknown.</summary>
    public static string Percent(double? rate) => rate switch
    {
        null => "–",
        >= 0.1 => (rate.Value * 100).ToString("0", Invariant) + " %",
        >= 0.01 => (rate.Value * 100).ToString("0.0", Invariant) + " %",
        _ => (rate.Value * 100).ToString("0.##", Invariant) + " %",
    };

    /// <summary>An instant on a time axis, in the zone, as precise as the bucket size needs.</summary>
    public static string Time(DateTimeOffset instant, TimeZoneInfo zone, TimeSpan bucket, bool withDate)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var format = bucket >= TimeSpan.FromDays(1) ? "yyyy-MM-dd"
            : bucket < TimeSpan.FromMinutes(1) ? (withDate ? "MM-dd HH:mm:ss" : "HH:mm:ss")
            : withDate ? "MM-dd HH:mm" : "HH:mm";
        return local.ToString(format, Invariant);
    }

    /// <summary>The text without characters XML cannot carry (control characters, lone surrogates).</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(text, i++, 2);
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
        }
        return clean.ToString();
    }
}
