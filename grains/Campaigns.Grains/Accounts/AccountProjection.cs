using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Common;
using Campaigns.Storage.Accounts;
using Microsoft.Extensions.Logging;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// The accounts read model follows the account's state. Every change writes its state with <see cref="AccountState.Unprojected"/>
/// set, then upserts the row; the state is the truth, so a row that could not be written fails nothing (the command has
/// happened and is answered as such): a repair timer writes it a few seconds later, and an activation that finds the
/// flag set (its last activation died, or never managed it) checks its row first thing. One per activation, for its
/// <see cref="AccountRecord"/>.
/// </summary>
internal sealed class AccountProjection(IGrainBase grain, PersistedAccountState state, AccountStore readModel, ILogger logger, string agencyId, string accountId)
{
    /// <summary>How soon a read-model row that could not be written is tried again.</summary>
    private static readonly TimeSpan RepairRetry = TimeSpan.FromSeconds(5);

    private OneShotTimer? _repair;

    private OneShotTimer Repair => _repair ??= new OneShotTimer(grain, RepairAsync);

    /// <summary>On activation: a state whose last write may not have reached the row gets it checked at once.</summary>
    public void RepairIfUnprojected()
    {
        if (state.State.Unprojected)
        {
            Repair.Arm(TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Upserts the row of the state's account; when storage refuses, arms the repair instead of failing. The flag is
    /// cleared in memory only (the next write sets it again anyway): a later activation checks the row, which costs a read.
    /// </summary>
    public async Task ProjectAsync()
    {
        if (!state.State.Unprojected || state.State.Account is not { } account)
        {
            return;
        }
        try
        {
            await UpsertAsync(account);
            if (ReferenceEquals(state.State.Account, account))
            {
                state.State.Unprojected = false; // a change written meanwhile projects itself
            }
        }
        catch (StorageUnavailableException ex)
        {
            logger.LogWarning("Account {AccountId}: its read-model row lags behind version {Version}; retrying: {Reason}", accountId, account.Version, ex.Message);
            Repair.Arm(RepairRetry);
        }
    }

    /// <summary>Brings the row up to the state: read first, so an account whose row is current (the usual case) writes nothing.</summary>
    private async Task RepairAsync()
    {
        if (!state.State.Unprojected || state.State.Account is not { } account)
        {
            return;
        }
        try
        {
            var rows = await StorageCalls.Guard(() => readModel.DocumentsAsync(agencyId, [accountId]));
            if (rows.TryGetValue(accountId, out var document) && AccountDocument.Deserialize(document).Version >= account.Version)
            {
                state.State.Unprojected = false;
                return;
            }
        }
        catch (StorageUnavailableException)
        {
            Repair.Arm(RepairRetry);
            return;
        }
        await ProjectAsync();
    }

    /// <summary>Mirrors the written state into the read model (the secret as stored), and drops an adopted import's marker.</summary>
    private async Task UpsertAsync(AccountSnapshot changed)
    {
        if (state.TakeAdopted())
        {
            await ForgetImportQuietlyAsync();
        }
        await StorageCalls.Guard(() => readModel.UpsertAsync(AccountRows.From(changed) with { ConnectorSecret = state.State.ConnectorSecret }));
    }

    private async Task ForgetImportQuietlyAsync()
    {
        try
        {
            await readModel.ForgetImportAsync(agencyId, accountId);
        }
        catch (Exception ex)
        {
            // Harmless when left: adoption only happens while the grain has no state of its own.
            logger.LogWarning(ex, "Could not drop the import marker of account {AccountId}", accountId);
        }
    }
}
