using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Campaigns.Application.Agencies;
using Campaigns.Gateway.Limits;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Campaigns.Gateway.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c>, and HTTP Basic with the key as the password so a person can
/// open the dashboard in a browser. The admin key yields the admin role; an agency key yields that agency's id. A key
/// this process does not know is looked up in the database only while the client's address has permits left for
/// requests without a valid key (<see cref="ClientThrottle"/>), so a flood of made-up keys costs no queries once it
/// is throttled.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminKey adminKey,
    ApiKeyAuthenticator keys,
    ClientThrottle throttle,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request.Headers.Authorization.ToString());
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(adminKey.Value)))
        {
            return Success(new Claim(ClaimTypes.Role, AuthNames.AdminRole), new Claim(ClaimTypes.Name, "admin"));
        }

        var mayQuery = !throttle.IsExhausted(ClientAddress.Of(Context));
        var check = await keys.CheckAsync(key, mayQuery, Context.RequestAborted);
        return check.Verdict switch
        {
            KeyVerdict.Valid => Success(new Claim(AuthNames.AgencyClaim, check.AgencyId!), new Claim(ClaimTypes.Name, check.AgencyId!)),
            KeyVerdict.Invalid => AuthenticateResult.Fail("The key is not valid."),
            _ => AuthenticateResult.Fail("The key was not checked: too many requests without a valid key from this address."),
        };
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // Two headers, not one "Bearer, Basic …": Chromium reads a combined header as Bearer only and never shows
        // its login prompt, so the dashboard could not be opened in a browser.
        Response.Headers.WWWAuthenticate = new StringValues(["Bearer", "Basic realm=\"Campaigns\""]);
        return WriteProblemAsync("Authentication required", "Send 'Authorization: Bearer <key>' with an agency key or the admin key.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync("Forbidden", "This key may not use this resource.");
    }

    private Task WriteProblemAsync(string title, string detail) =>
        problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = Response.StatusCode, Title = title, Detail = detail },
        }).AsTask();

    private AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity(claims, AuthNames.Scheme)), AuthNames.Scheme));

    private static string? ReadKey(string header)
    {
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim() is { Length: > 0 } token ? token : null;
        }
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon >= 0 && colon < decoded.Length - 1 ? decoded[(colon + 1)..] : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return null;
    }
}
