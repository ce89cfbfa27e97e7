using Campaigns.Storage;

namespace Campaigns.Grains.Tests.Support;

/// <summary>
/// Storage outages at the right moment, made by the database itself: a SQLite trigger that aborts the matching
/// statement, so the real store (or Orleans' real grain storage) gets a real database error. Disposing the fault
/// drops the trigger: the outage is over.
/// </summary>
internal sealed class Faults : IAsyncDisposable
{
    private readonly StorageSettings _settings;
    private readonly string[] _triggers;

    private Faults(StorageSettings settings, string[] triggers) => (_settings, _triggers) = (settings, triggers);

    /// <summary>Fails every <paramref name="operation"/> (INSERT, UPDATE or DELETE) on <paramref name="table"/> whose row matches <paramref name="when"/>.</summary>
    public static async Task<Faults> FailAsync(StorageSettings settings, string table, string operation, string when = "1 = 1")
    {
        var name = $"fault_{Guid.NewGuid():N}";
        await Tables.ExecuteAsync(settings,
            $"CREATE TRIGGER {name} BEFORE {operation} ON {table} WHEN {when} BEGIN SELECT RAISE(ABORT, 'injected storage fault'); END");
        return new Faults(settings, [name]);
    }

    /// <summary>
    /// Fails every write of grain state whose stored JSON contains all of <paramref name="fragments"/> (a grain's id and
    /// a member only its state type has), as a database refusing that grain's writes would.
    /// </summary>
    public static async Task<Faults> FailStateWritesAsync(StorageSettings settings, params string[] fragments)
    {
        var when = string.Join(" AND ", fragments.Select(f => $"CAST(NEW.PayloadBinary AS TEXT) LIKE '%{f.Replace("'", "''")}%'"));
        var insert = await FailAsync(settings, "OrleansStorage", "INSERT", when);
        var update = await FailAsync(settings, "OrleansStorage", "UPDATE", when);
        return new Faults(settings, [.. insert._triggers, .. update._triggers]);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var trigger in _triggers)
        {
            await Tables.ExecuteAsync(_settings, $"DROP TRIGGER IF EXISTS {trigger}");
        }
    }
}
