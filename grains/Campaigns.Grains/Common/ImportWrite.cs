using Campaigns.Grains.Abstractions.Common;
using Microsoft.Extensions.Logging;

namespace Campaigns.Grains.Common;

/// <summary>
/// The one transaction of a bulk import, shared by the importers. Writing thousands of grain states one by one is
/// what makes an import slow (SQLite takes about a thousand grain writes a second); importers write the read model
/// instead, and each grain adopts its row when first activated.
/// </summary>
public static class ImportWrite
{
    /// <summary>
    /// Runs <paramref name="write"/>; its false (a unique key taken since validation, nothing written) is a conflict.
    /// </summary>
    public static async Task<Outcome<int>> RunAsync(
        string agencyId, string what, int count, Func<Task<bool>> write, string conflict, TimeProvider clock, ILogger logger)
    {
        var started = clock.GetTimestamp();
        if (!await StorageCalls.Guard(write))
        {
            return Outcome<int>.Fail(ErrorKind.Conflict, conflict);
        }
        logger.LogInformation("Imported {Count} {What} for agency {AgencyId} in {ElapsedMs:0} ms",
            count, what, agencyId, clock.GetElapsedTime(started).TotalMilliseconds);
        return Outcome<int>.Ok(count);
    }
}
