namespace Campaigns.Domain.Accounts;

/// <summary>What role an account plays in a matrix.</summary>
public enum AccountKind
{
    Brand,
    Celebrity,
    Influencer,
    Grassroots,
}
