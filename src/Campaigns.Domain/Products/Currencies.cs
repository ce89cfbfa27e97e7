using System.Collections.Frozen;
using System.Globalization;

namespace Campaigns.Domain.Products;

/// <summary>ISO 4217 currency codes, taken from the cultures this machine's ICU data knows.</summary>
public static class Currencies
{
    private static readonly FrozenSet<string> Known = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c =>
        {
            try
            {
                return new RegionInfo(c.Name).ISOCurrencySymbol;
            }
            catch (ArgumentException)
            {
                return null;
            }
        })
        .Where(code => code is { Length: 3 })
        .Select(code => code!)
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True for an upper-case ISO 4217 code in circulation, such as CNY or USD.</summary>
    public static bool IsKnown(string? code) => code is not null && Known.Contains(code);
}
