using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Campaigns.Storage.Vault;

/// <summary>
/// Keeps the Data Protection key ring in the <c>vault_keys</c> table, so every silo of a cluster (and every restart of
/// the embedded default) encrypts and decrypts with the same keys. Data Protection reads the ring at start and on its
/// refresh, and writes a key only when it creates one: the calls are rare, so they block on the database.
/// </summary>
public sealed class VaultKeyRepository(DbConnectionFactory connections, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        Run(async () =>
        {
            await using var connection = await connections.OpenAsync();
            var rows = await connection.QueryAsync<string>("SELECT xml FROM vault_keys ORDER BY created_at, name");
            return (IReadOnlyCollection<XElement>)rows.Select(x => XElement.Parse(x)).ToList();
        });

    public void StoreElement(XElement element, string friendlyName) =>
        Run(async () =>
        {
            await using var connection = await connections.OpenAsync();
            // Two silos creating their first key at the same moment store two keys; both stay usable.
            return await connection.ExecuteAsync(
                "INSERT INTO vault_keys (name, xml, created_at) VALUES (@name, @xml, @at) ON CONFLICT (name) DO NOTHING",
                new { name = friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), at = clock.GetUtcNow().ToUnixTimeMilliseconds() });
        });

    private static T Run<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();
}
