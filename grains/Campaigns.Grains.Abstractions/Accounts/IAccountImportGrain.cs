using Campaigns.Grains.Abstractions.Common;

namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>
/// Bulk account creation for one agency, keyed <c>{agencyId}/import</c> so an agency's imports run one at a time.
/// It writes the read model in one transaction; each account grain adopts its row on first activation.
/// </summary>
public interface IAccountImportGrain : IGrainWithStringKey
{
    /// <summary>The grain key of an agency's importer.</summary>
    public static string KeyFor(string agencyId) => GrainKeys.For(agencyId, "import");

    /// <summary>Creates every account or none: a handle taken meanwhile is a conflict and nothing is written.</summary>
    Task<Outcome<int>> Import(IReadOnlyList<AccountImportItem> items);
}
