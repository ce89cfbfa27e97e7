using Campaigns.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// A read-model table refusing updates of one row, made by the host's own database (a trigger, in SQLite's or
/// PostgreSQL's dialect), so the real store meets a real error. Disposing it drops the trigger: the outage is over.
/// </summary>
internal sealed class RowFault : IAsyncDisposable
{
    private readonly DbConnectionFactory _connections;
    private readonly string _drop;

    private RowFault(DbConnectionFactory connections, string drop) => (_connections, _drop) = (connections, drop);

    /// <summary>Refuses every UPDATE of <paramref name="table"/> whose <c>id</c> is <paramref name="id"/>.</summary>
    public static async Task<RowFault> FailUpdatesAsync(CampaignsApp app, string table, string id)
    {
        var name = $"fault_{Guid.NewGuid():N}";
        var connections = app.Services.GetRequiredService<DbConnectionFactory>();
        var sqlite = app.Services.GetRequiredService<StorageSettings>().Provider == StorageProvider.Sqlite;
        var literal = id.Replace("'", "''");
        var (create, drop) = sqlite
            ? ($"CREATE TRIGGER {name} BEFORE UPDATE ON {table} WHEN NEW.id = '{literal}' BEGIN SELECT RAISE(ABORT, 'injected storage fault'); END",
                $"DROP TRIGGER IF EXISTS {name}")
            : ($"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected storage fault'; END $$; " +
               $"CREATE TRIGGER {name} BEFORE UPDATE ON {table} FOR EACH ROW WHEN (NEW.id = '{literal}') EXECUTE FUNCTION {name}()",
                $"DROP TRIGGER IF EXISTS {name} ON {table}; DROP FUNCTION IF EXISTS {name}()");
        await using var connection = await connections.OpenAsync();
        await connection.ExecuteAsync(create);
        return new RowFault(connections, drop);
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = await _connections.OpenAsync();
        await connection.ExecuteAsync(_drop);
    }
}
