using System.Data.Common;
using Campaigns.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Campaigns.Host.Health;

/// <summary>Ready when the database answers a trivial query.</summary>
public sealed class StorageHealthCheck(DbConnectionFactory connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is DbException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", ex);
        }
    }
}
