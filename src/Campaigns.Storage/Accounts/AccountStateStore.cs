using Dapper;

namespace Campaigns.Storage.Accounts;

/// <summary>
/// The account grain's state (<c>account_states</c>). Creation writes it in the handle claim's transaction
/// (<see cref="AccountStore.TryInsertAsync"/>); this store reads it back on activation and writes every later change,
/// each write conditional on the etag its writer read.
/// </summary>
public sealed class AccountStateStore(DbConnectionFactory connections)
{
    /// <summary>
    /// The account's state and etag, or the import it may adopt, in one query; null when the agency has no row for the id
    /// at all (an account that was never created: its state cannot be anywhere else either).
    /// </summary>
    public async Task<AccountStateRead?> ReadAsync(string agencyId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var found = await connection.QuerySingleOrDefaultAsync<Found>(
            """
            SELECT s.document AS Document, s.connector_secret AS ConnectorSecret, s.tokens AS Tokens, s.unprojected AS Unprojected,
                   s.etag AS Etag, a.document AS RowDocument, i.connector_secret AS ImportSecret,
                   CASE WHEN i.account_id IS NULL THEN 0 ELSE 1 END AS Imported
            FROM accounts a
            LEFT JOIN account_states s ON s.agency_id = a.agency_id AND s.id = a.id
            LEFT JOIN account_imports i ON i.agency_id = a.agency_id AND i.account_id = a.id
            WHERE a.agency_id = @agencyId AND a.id = @id
            """, new { agencyId, id });
        if (found is null)
        {
            return null;
        }
        var state = found.Document is null
            ? null
            : new AccountStateRow(agencyId, id, found.Document, found.ConnectorSecret, found.Tokens, found.Unprojected != 0);
        var import = found.Imported != 0 ? new AdoptableAccount(found.RowDocument, found.ImportSecret) : null;
        return new AccountStateRead(state, found.Etag ?? 0, import);
    }

    /// <summary>Stores the first state of an account whose row already exists (an adopted import, or state Orleans' storage held); false when a state is there already.</summary>
    public async Task<bool> TryInsertAsync(AccountStateRow state, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var parameters = new DynamicParameters();
        return await connection.ExecuteAsync(Insert(state, parameters, "") + " ON CONFLICT DO NOTHING", parameters) == 1;
    }

    /// <summary>Replaces the state written with <paramref name="etag"/> (the new one has etag + 1); false when another write came first.</summary>
    public async Task<bool> TryUpdateAsync(AccountStateRow state, long etag, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var parameters = new DynamicParameters();
        Add(parameters, state, "");
        parameters.Add("Etag", etag);
        return await connection.ExecuteAsync(
            """
            UPDATE account_states SET document = @Document, connector_secret = @ConnectorSecret, tokens = @Tokens,
                unprojected = @Unprojected, etag = @Etag + 1
            WHERE agency_id = @AgencyId AND id = @Id AND etag = @Etag
            """, parameters) == 1;
    }

    /// <summary>
    /// The insert of a first state (etag 1), its parameters added to <paramref name="parameters"/> under names starting
    /// with <paramref name="prefix"/> (so it can share a statement with the claim's own parameters).
    /// </summary>
    internal static string Insert(AccountStateRow state, DynamicParameters parameters, string prefix)
    {
        Add(parameters, state, prefix);
        var p = "@" + prefix;
        return "INSERT INTO account_states (agency_id, id, document, connector_secret, tokens, unprojected, etag) "
            + $"VALUES ({p}AgencyId, {p}Id, {p}Document, {p}ConnectorSecret, {p}Tokens, {p}Unprojected, 1)";
    }

    private static void Add(DynamicParameters parameters, AccountStateRow state, string prefix)
    {
        parameters.Add(prefix + "AgencyId", state.AgencyId);
        parameters.Add(prefix + "Id", state.Id);
        parameters.Add(prefix + "Document", state.Document);
        parameters.Add(prefix + "ConnectorSecret", state.ConnectorSecret);
        parameters.Add(prefix + "Tokens", state.Tokens);
        parameters.Add(prefix + "Unprojected", state.Unprojected ? 1 : 0);
    }

    /// <summary>One row of <see cref="ReadAsync"/>'s query; properties so Dapper converts each engine's integer types.</summary>
    private sealed class Found
    {
        public string? Document { get; init; }
        public string? ConnectorSecret { get; init; }
        public string? Tokens { get; init; }
        public long Unprojected { get; init; }
        public long? Etag { get; init; }
        public string RowDocument { get; init; } = "";
        public string? ImportSecret { get; init; }
        public long Imported { get; init; }
    }
}
