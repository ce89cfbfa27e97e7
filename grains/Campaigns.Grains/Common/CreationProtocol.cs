using Campaigns.Grains.Abstractions.Common;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Campaigns.Grains.Common;

/// <summary>
/// How a catalogue grain comes into being. The read-model row is written first: its unique index claims the SKU
/// or handle, and once it exists the entity exists (a grain with no state adopts its row on activation). The
/// grain's own state follows; if that write fails the row is removed again and the caller gets a storage fault.
/// </summary>
public static class CreationProtocol
{
    /// <summary>
    /// The snapshot a grain with no state of its own adopts from its read-model row (written by a bulk import, or by
    /// a creation whose state write never happened), or null when there is no row.
    /// </summary>
    public static async Task<T?> AdoptAsync<T>(
        Grain grain, Func<string, string, CancellationToken, Task<string?>> findDocument, CancellationToken cancellationToken)
        where T : class
    {
        var (agencyId, id) = GrainKeys.Split(grain.GetPrimaryKeyString());
        var document = await StorageCalls.Guard(() => findDocument(agencyId, id, cancellationToken));
        return document is null ? null : Documents.Deserialize<T>(document);
    }

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
