namespace Campaigns.Storage.ReadModel;

/// <summary>
/// "Column is one of a list" in each dialect. Dapper expands <c>IN @list</c> into one parameter per item for
/// SQLite, but hands Npgsql the whole array as one parameter, which PostgreSQL matches with <c>= ANY(...)</c>.
/// </summary>
internal static class SqlLists
{
    public static string OneOf(StorageProvider provider, string column, string parameter) =>
        provider == StorageProvider.PostgreSql ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";
}
