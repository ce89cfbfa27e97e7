using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Campaigns.Application.Agencies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Campaigns.Gateway.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c>, and HTTP Basic with the key as the password so a person can
/// open the dashboard in a browser. The admin key yields the admin role; an agency key yields that agency's id.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminKey adminKey,
    AgencyKeyCache agencies,
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

        var agencyId = await agencies.FindAgencyAsync(ApiKeys.Hash(key), Context.RequestAborted);
        return agencyId is null
            ? AuthenticateResult.Fail("The key is not valid.")
            : Success(new Claim(AuthNames.AgencyClaim, agencyId), new Claim(ClaimTypes.Name, agencyId));
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
