namespace Campaigns.Gateway.Auth;

/// <summary>Names of the authentication scheme, claims, roles and policies.</summary>
public static class AuthNames
{
    public const string Scheme = "ApiKey";
    public const string AgencyClaim = "agency_id";
    public const string AdminRole = "admin";
    public const string AgencyPolicy = "agency";
    public const string AdminPolicy = "admin";
}
