using System.Text;

namespace Campaigns.Connectors.Platforms;

/// <summary>Builds authorize URLs: a base URL plus escaped query parameters, nulls left out.</summary>
internal static class OAuthQuery
{
    public static Uri Build(Uri page, params (string Name, string? Value)[] parameters)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }
            query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }
        return new Uri(page.GetLeftPart(UriPartial.Path) + query);
    }

    /// <summary>A form body for token endpoints.</summary>
    public static FormUrlEncodedContent Form(params (string Name, string? Value)[] fields) =>
        new(fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Name, f.Value!)));
}
