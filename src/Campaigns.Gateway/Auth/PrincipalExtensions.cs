using System.Security.Claims;

namespace Campaigns.Gateway.Auth;

/// <summary>Reads who is calling.</summary>
public static class PrincipalExtensions
{
    /// <summary>The calling agency's id; endpoints behind the agency policy always have one.</summary>
    public static string AgencyId(this ClaimsPrincipal user) =>
        user.FindFirstValue(AuthNames.AgencyClaim) ?? throw new InvalidOperationException("The caller is not an agency.");

    /// <summary>The scope Idempotency-Keys are kept in: the agency, or the admin.</summary>
    public static string? IdempotencyScope(this ClaimsPrincipal user) =>
        user.FindFirstValue(AuthNames.AgencyClaim) ?? (user.IsInRole(AuthNames.AdminRole) ? "admin" : null);
}
