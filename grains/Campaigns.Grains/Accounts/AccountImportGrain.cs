
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Common;
using Campaigns.Storage.Accounts;
using Campaigns.Storage.Vault;
using Microsoft.Extensions.Logging;
namespace Campaigns.Grains.Accounts;

/// <summary>
/// Writes a validated import straight into the read model in one transaction (see <see cref="ImportWrite"/>); each
/// <see cref="AccountGrain"/> adopts its row, and the secret kept beside it (protected by the vault for the account), when
/// first activated.
/// </summary>
public sealed class AccountImportGrain(AccountStore readModel, AccountSecrets secrets, TimeProvider clock, ILogger<AccountImportGrain> logger)
    : Grain, IAccountImportGrain
{
    public Task<Outcome<int>> Import(IReadOnlyList<AccountImportItem> items)
    {
        var agencyId = GrainKeys.Split(this.GetPrimaryKeyString()).AgencyId;
        var now = clock.GetUtcNow();
        var rows = items
            .Select(item => new ImportedAccountRow(
                AccountRows.From(AccountRows.New(agencyId, item.Id, item.Draft, now)),
                secrets.Protect(agencyId, item.Id, item.Draft.Connector.Secret),
                item.Draft.Followers))
            .ToList();
        return ImportWrite.RunAsync(agencyId, "accounts", rows.Count, () => readModel.ImportAsync(rows, now.ToUnixTimeMilliseconds()),
            "A handle in the file was taken while it was being imported; nothing was imported.", clock, logger);
    }
}
