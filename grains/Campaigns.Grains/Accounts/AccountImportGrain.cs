using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Common;
using Campaigns.Storage.ReadModel;
using Microsoft.Extensions.Logging;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// Writes a validated import straight into the read model in one transaction. Writing thousands of grain states
/// one by one is what makes an import slow (SQLite takes about a thousand grain writes a second); instead each
/// <see cref="AccountGrain"/> adopts its row, and the secret kept beside it, when first activated.
/// </summary>
public sealed class AccountImportGrain(AccountStore readModel, TimeProvider clock, ILogger<AccountImportGrain> logger)
    : Grain, IAccountImportGrain
{
    public async Task<Outcome<int>> Import(IReadOnlyList<AccountImportItem> items)
    {
        var started = clock.GetTimestamp();
        var agencyId = GrainKeys.Split(this.GetPrimaryKeyString()).AgencyId;
        var now = clock.GetUtcNow();
        var rows = items
            .Select(item => new ImportedAccountRow(
                AccountRows.From(AccountRows.New(agencyId, item.Id, item.Draft, now)), item.Draft.Connector.Secret, item.Draft.Followers))
            .ToList();

        if (!await StorageCalls.Guard(() => readModel.ImportAsync(rows, now.ToUnixTimeMilliseconds())))
        {
            return Outcome<int>.Fail(ErrorKind.Conflict, "A handle in the file was taken while it was being imported; nothing was imported.");
        }
        logger.LogInformation("Imported {Count} accounts for agency {AgencyId} in {ElapsedMs:0} ms",
            rows.Count, agencyId, clock.GetElapsedTime(started).TotalMilliseconds);
        return Outcome<int>.Ok(rows.Count);
    }
}
