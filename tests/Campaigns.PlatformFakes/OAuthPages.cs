using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Campaigns.PlatformFakes;

/// <summary>
/// An authorize page that consents at once for <see cref="FakeAccounts.NextConsentingUser"/> (or declines when told),
/// remembering each code's PKCE challenge and redirect URI for the token endpoint to check.
/// </summary>
public sealed class OAuthPages(FakeAccounts accounts)
{
    private readonly ConcurrentDictionary<string, (string? Challenge, string RedirectUri)> _issued = new(StringComparer.Ordinal);

    /// <summary>Answers the authorize request: a redirect to the callback with a code, or with error=access_denied.</summary>
    public IResult Authorize(HttpContext context, string clientIdParameter, bool requirePkce)
    {
        var query = context.Request.Query;
        var redirect = query["redirect_uri"].ToString();
        if (query[clientIdParameter] != accounts.ClientKey || query["response_type"] != "code" || redirect.Length == 0
            || (requirePkce && (query["code_challenge"].ToString().Length == 0 || query["code_challenge_method"] != "S256")))
        {
            return Results.BadRequest("invalid authorize request");
        }
        var back = redirect + (redirect.Contains('?') ? "&" : "?");
        var state = Uri.EscapeDataString(query["state"].ToString());
        if (accounts.DenyNextConsent)
        {
            accounts.DenyNextConsent = false;
            return Results.Redirect($"{back}error=access_denied&state={state}");
        }
        var code = accounts.IssueCode(accounts.NextConsentingUser);
        _issued[code] = (requirePkce ? query["code_challenge"].ToString() : null, redirect);
        return Results.Redirect($"{back}code={Uri.EscapeDataString(code)}&state={state}");
    }

    /// <summary>Whether the token request's redirect URI and PKCE verifier match what the code was issued with.</summary>
    public bool Matches(string? code, string? redirectUri, string? verifier)
    {
        if (code is null || !_issued.TryGetValue(code, out var issued))
        {
            return true; // a code not issued here fails in the exchange itself
        }
        if (redirectUri is not null && redirectUri != issued.RedirectUri)
        {
            return false;
        }
        return issued.Challenge is null || (verifier is not null && Challenge(verifier) == issued.Challenge);
    }

    private static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
