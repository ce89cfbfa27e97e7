using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// The simulated platform's own record, read straight from its <c>sandbox_posts</c> table: per idempotency key
/// (<c>{agencyId}:{pushId}</c>), whether a post exists, how many publishes arrived, and how many of them asked for
/// a post to be created (a platform without idempotency keys would have made one each time: exactly once is 1).
/// </summary>
public static class SandboxLedger
{
    public sealed record Entry(long Created, long Attempts, long Creates);

    public static Task<Dictionary<string, Entry>> ReadSqliteAsync(string databaseFile, string agencyId) =>
        ReadAsync(new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString()), agencyId);

    public static Task<Dictionary<string, Entry>> ReadPostgresAsync(string connectionString, string agencyId) =>
        ReadAsync(new NpgsqlConnection(connectionString), agencyId);

    private static async Task<Dictionary<string, Entry>> ReadAsync(DbConnection connection, string agencyId)
    {
        await using (connection)
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT idempotency_key, created, attempts, creates FROM sandbox_posts WHERE agency_id = @agency";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "agency";
            parameter.Value = agencyId;
            command.Parameters.Add(parameter);
            var entries = new Dictionary<string, Entry>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                entries[reader.GetString(0)] = new Entry(Convert.ToInt64(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2)), Convert.ToInt64(reader.GetValue(3)));
            }
            return entries;
        }
    }
}
