using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Campaigns.Storage;

/// <summary>
/// Multi-row <c>INSERT ... VALUES (...), (...)</c> in chunks: one round trip per chunk instead of one per row,
/// which is what makes a 10,000-row import take a second or two instead of a minute.
/// </summary>
internal static class BatchInsert
{
    /// <summary>
    /// Parameters per statement. SQLite binds each named parameter by a linear search over the statement's names,
    /// so binding costs grow with the square of this number: a few hundred is the sweet spot there. Npgsql looks
    /// names up in a dictionary and is bounded only by PostgreSQL's 65,535.
    /// </summary>
    internal const int MaxSqliteParameters = 400;
    private const int MaxPostgresParameters = 6_000;

    /// <summary>
    /// After a bulk load, refreshes the planner's statistics on PostgreSQL: until autovacuum gets round to it (about a
    /// minute), queries over the new rows are planned as if the tables were empty — measured: a filtered list took
    /// 178 ms instead of 3 ms. SQLite plans without statistics unless asked, so nothing to do there.
    /// </summary>
    internal static async Task AnalyzeAsync(DbConnection connection, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        if (connection is SqliteConnection)
        {
            return;
        }
        await using var command = connection.CreateCommand();
        command.CommandText = string.Join(";", tables.Select(t => $"ANALYZE {t}"));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The most ids to put in one <c>IN (...)</c> / <c>= ANY(...)</c> list, for the same reason as above.</summary>
    internal static int ListChunk(StorageProvider provider) => provider == StorageProvider.Sqlite ? 100 : 2_000;

    /// <summary>Inserts every row and returns how many were inserted (a conflict clause may skip some).</summary>
    internal static async Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IReadOnlyList<object?[]> rows, string suffix, CancellationToken cancellationToken)
    {
        var maxParameters = connection is SqliteConnection ? MaxSqliteParameters : MaxPostgresParameters;
        var perStatement = Math.Max(1, maxParameters / columns.Count);
        var inserted = 0;
        DbCommand? command = null;
        try
        {
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - start);
                if (command is null || command.Parameters.Count != count * columns.Count)
                {
                    // Full chunks share one command; only the last, shorter chunk needs its own.
                    if (command is not null)
                    {
                        await command.DisposeAsync();
                    }
                    command = Create(connection, transaction, table, columns, count, suffix);
                }
                for (var r = 0; r < count; r++)
                {
                    var row = rows[start + r];
                    for (var c = 0; c < columns.Count; c++)
                    {
                        command.Parameters[r * columns.Count + c].Value = row[c] ?? DBNull.Value;
                    }
                }
                inserted += await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }
        return inserted;
    }

    /// <summary>
    /// Inserts every row, skipping none: false when a unique key (or the primary key) of any row is already taken,
    /// and then the caller must roll the transaction back, because the rows before the clash were written.
    /// </summary>
    internal static async Task<bool> TryInsertAllAsync(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IReadOnlyList<object?[]> rows, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, transaction, table, columns, rows, "ON CONFLICT DO NOTHING", cancellationToken) == rows.Count;

    private static DbCommand Create(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, int rows, string suffix)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = $"@p{r * columns.Count + c}";
                sql.Append(c == 0 ? name : ", " + name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }
            sql.Append(')');
        }
        command.CommandText = sql.Append(' ').Append(suffix).ToString();
        return command;
    }
}
