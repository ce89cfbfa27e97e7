using Campaigns.Grains.Abstractions.Common;
using Microsoft.Extensions.Logging;

namespace Campaigns.Grains.Common;

/// <summary>
/// How a catalogue grain comes into being. The read-model row is written first: its unique index claims the SKU
/// or handle, and once it exists the entity exists (a grain with no state adopts its row on activation). The
/// grain's own state follows; if that write fails the row is removed again and the caller gets a storage fault.
/// </summary>
public static class CreationProtocol
{
    /// <summary>False when the row could not be claimed; nothing is written then.</summary>
    public static async Task<bool> RunAsync(Func<Task<bool>> claimRow, Func<Task> writeState, Action forgetState, Func<Task> releaseRow, ILogger logger)
    {
        if (!await StorageCalls.Guard(claimRow))
        {
            return false;
        }
        try
        {
            await StorageCalls.Guard(writeState);
            return true;
        }
        catch (StorageUnavailableException)
        {
            forgetState();
            try
            {
                await releaseRow();
            }
            catch (Exception ex)
            {
                // Left behind, the row is adopted by the grain later: the entity then exists, complete.
                logger.LogWarning(ex, "Could not remove the read-model row of a creation whose state write failed");
            }
            throw;
        }
    }
}
