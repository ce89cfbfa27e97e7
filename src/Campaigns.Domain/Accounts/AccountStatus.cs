namespace Campaigns.Domain.Accounts;

/// <summary>Whether an account may publish.</summary>
public enum AccountStatus
{
    Active,
    Suspended,
}
