using Campaigns.Storage;

namespace Campaigns.Host;

/// <summary>Brings the schema up to date before the silo, the scheduler or the gateway touch the database.</summary>
public sealed class DatabaseMigrationService(StorageSettings settings, ILogger<DatabaseMigrationService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        Task.Run(() => DatabaseMigrator.Migrate(settings, logger), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
