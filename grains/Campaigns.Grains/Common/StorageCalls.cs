using System.Data.Common;
using Campaigns.Grains.Abstractions.Common;
using Orleans.Storage;

namespace Campaigns.Grains.Common;

/// <summary>
/// The grain boundary for storage faults: driver exceptions (Npgsql, SQLite, socket and timeout errors) become
/// <see cref="StorageUnavailableException"/>, which every silo can deserialise and the gateway maps to 503.
/// Orleans' own <see cref="InconsistentStateException"/> (an ETag conflict) passes through untouched.
/// </summary>
public static class StorageCalls
{
    /// <summary>Runs a storage call, translating faults.</summary>
    public static async Task Guard(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (IsStorageFault(ex))
        {
            throw Translate(ex);
        }
    }

    /// <summary>Runs a storage call that returns a value, translating faults.</summary>
    public static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (IsStorageFault(ex))
        {
            throw Translate(ex);
        }
    }

    private static bool IsStorageFault(Exception ex) => ex switch
    {
        InconsistentStateException => false,
        DbException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException { Source: "Npgsql" } => true,
        OrleansException { InnerException: { } inner } => IsStorageFault(inner),
        // Quartz wraps its job store's database errors.
        Quartz.SchedulerException { InnerException: { } inner } => IsStorageFault(inner),
        _ => false,
    };

    private static StorageUnavailableException Translate(Exception ex) =>
        new($"Storage is unavailable: {ex.GetBaseException().Message}");
}
