using System.Data.Common;
using System.Text;
using Campaigns.Storage.Common;
using Dapper;
using Npgsql;

namespace Campaigns.Storage.Accounts;

/// <summary>
/// The accounts read model. Account grains write it after their own state; the gateway lists from it.
/// The unique index on (agency, platform, handle) is also how a new account claims its handle.
/// </summary>
public sealed class AccountStore(DbConnectionFactory connections)
{
    private const string Columns =
        "agency_id, id, platform, handle_key, brand, kind, status, followers, version, created_at, updated_at, document, connector_secret, credential_status";

    private const string Values =
        "@AgencyId, @Id, @Platform, @HandleKey, @Brand, @Kind, @Status, @Followers, @Version, @CreatedAt, @UpdatedAt, @Document, @ConnectorSecret, @CredentialStatus";

    /// <summary>
    /// Inserts a new account with its tags, when <paramref name="followersAt"/> is given the first point of its follower
    /// history (its follower count at that instant), and when <paramref name="state"/> is given its grain's state (see
    /// <see cref="AccountStateStore"/>), all in one transaction; false when its handle (or id) is already taken, and then
    /// nothing is written. On PostgreSQL that is one round trip: the statements go as one batch, which PostgreSQL runs as
    /// one implicit transaction (a taken handle fails the first and rolls back the rest). On SQLite, a local file, an
    /// explicit transaction.
    /// </summary>
    public async Task<bool> TryInsertAsync(
        AccountRow row, long? followersAt = null, AccountStateRow? state = null, CancellationToken cancellationToken = default)
    {
        var onePass = connections.Provider == StorageProvider.PostgreSql;
        var parameters = new DynamicParameters(onePass ? row : new { row.AgencyId, row.Id });
        var rest = ClaimedRows(row, followersAt, state, parameters);
        await using var connection = await connections.OpenAsync(cancellationToken);
        if (onePass)
        {
            try
            {
                await connection.ExecuteAsync($"INSERT INTO accounts ({Columns}) VALUES ({Values});{rest}", parameters);
                return true;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.TableName == "accounts")
            {
                return false;
            }
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(
            $"INSERT INTO accounts ({Columns}) VALUES ({Values}) ON CONFLICT DO NOTHING", row, transaction);
        if (inserted == 0)
        {
            return false;
        }
        if (rest.Length > 0)
        {
            await connection.ExecuteAsync(rest, parameters, transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The statements that go with a claimed row: its tags, its first follower point and its grain's state (each when there is one).</summary>
    private static string ClaimedRows(AccountRow row, long? followersAt, AccountStateRow? state, DynamicParameters parameters)
    {
        var sql = new StringBuilder(TagsInsert(row, parameters));
        if (followersAt is { } at)
        {
            parameters.Add("FollowersAt", at);
            parameters.Add("FirstFollowers", row.Followers);
            sql.Append(
                """
                INSERT INTO follower_snapshots (agency_id, account_id, at_ms, count) VALUES (@AgencyId, @Id, @FollowersAt, @FirstFollowers)
                ON CONFLICT DO NOTHING;
                """);
        }
        if (state is not null)
        {
            sql.Append(AccountStateStore.Insert(state, parameters, "State")).Append(';');
        }
        return sql.ToString();
    }

    /// <summary>Replaces the row with a newer version of the account; an older version changes nothing.</summary>
    public async Task UpsertAsync(AccountRow row, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(
            $"""
            INSERT INTO accounts ({Columns}) VALUES ({Values})
            ON CONFLICT (agency_id, id) DO UPDATE SET
                brand = excluded.brand, kind = excluded.kind, status = excluded.status, followers = excluded.followers,
                version = excluded.version, updated_at = excluded.updated_at, document = excluded.document,
                connector_secret = excluded.connector_secret, credential_status = excluded.credential_status
            WHERE accounts.version < excluded.version
            """, row, transaction);
        if (changed > 0)
        {
            var parameters = new DynamicParameters(new { row.AgencyId, row.Id });
            await connection.ExecuteAsync(
                "DELETE FROM account_tags WHERE agency_id = @AgencyId AND account_id = @Id;" + TagsInsert(row, parameters), parameters, transaction);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The id of the account holding a handle on a platform, if any.</summary>
    public async Task<string?> FindIdByHandleAsync(string agencyId, string platform, string handleKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT id FROM accounts WHERE agency_id = @agencyId AND platform = @platform AND handle_key = @handleKey",
            new { agencyId, platform, handleKey });
    }

    /// <summary>Removes an account's row, tags and follower history (used to undo a claim whose grain write failed, or an orphaned one).</summary>
    public async Task DeleteAsync(string agencyId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The follower history goes too: a claim is only released for an account that was never created.
        await connection.ExecuteAsync(
            """
            DELETE FROM account_tags WHERE agency_id = @agencyId AND account_id = @id;
            DELETE FROM follower_snapshots WHERE agency_id = @agencyId AND account_id = @id;
            DELETE FROM accounts WHERE agency_id = @agencyId AND id = @id;
            """, new { agencyId, id }, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The documents of these accounts of the agency, by id; unknown ids are absent.</summary>
    public Task<IReadOnlyDictionary<string, string>> DocumentsAsync(string agencyId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) =>
        DocumentsById.ReadAsync(connections, "accounts", agencyId, ids, cancellationToken);

    /// <summary>
    /// The documents of every account matching a selector, in id order: brand, any of the platforms, any of the kinds,
    /// any of the audience tags (each filter only when given), suspended accounts included so a plan can say so.
    /// </summary>
    public async Task<IReadOnlyList<string>> SelectAsync(
        string agencyId, string? brand, IReadOnlyCollection<string> platforms, IReadOnlyCollection<string> kinds, IReadOnlyCollection<string> tags,
        CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder("SELECT x.document FROM accounts x WHERE x.agency_id = @agencyId");
        if (brand is not null) sql.Append(" AND x.brand = @brand");
        if (platforms.Count > 0) sql.Append(" AND ").Append(SqlLists.OneOf(connections.Provider, "x.platform", "platforms"));
        if (kinds.Count > 0) sql.Append(" AND ").Append(SqlLists.OneOf(connections.Provider, "x.kind", "kinds"));
        if (tags.Count > 0)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM account_tags t WHERE t.agency_id = x.agency_id AND t.account_id = x.id AND ")
                .Append(SqlLists.OneOf(connections.Provider, "t.tag", "tags")).Append(')');
        }
        sql.Append(" ORDER BY x.id");
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(sql.ToString(),
            new { agencyId, brand, platforms = platforms.ToArray(), kinds = kinds.ToArray(), tags = tags.ToArray() });
        return rows.ToList();
    }

    /// <summary>One page of documents matching the query, plus whether more follow.</summary>
    public async Task<(IReadOnlyList<string> Documents, bool HasMore)> ListAsync(AccountQuery query, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder("SELECT x.document FROM accounts x WHERE x.agency_id = @AgencyId");
        if (query.Platform is not null) sql.Append(" AND x.platform = @Platform");
        if (query.Brand is not null) sql.Append(" AND x.brand = @Brand");
        if (query.Kind is not null) sql.Append(" AND x.kind = @Kind");
        if (query.Status is not null) sql.Append(" AND x.status = @Status");
        if (query.Credential is not null) sql.Append(" AND x.credential_status = @Credential");
        if (query.Tag is not null)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM account_tags t WHERE t.agency_id = x.agency_id AND t.account_id = x.id AND t.tag = @Tag)");
        }
        var parameters = new DynamicParameters(new { query.AgencyId, query.Platform, query.Brand, query.Kind, query.Status, query.Tag, query.Credential });
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await KeysetPage.ReadAsync(connection, sql, parameters, query.After, query.Limit);
    }

    /// <summary>
    /// Writes a whole import in one transaction: accounts, their tags, their import markers (with secrets) and
    /// their first follower snapshots. False, with nothing written, when any handle or id is already taken.
    /// </summary>
    public async Task<bool> ImportAsync(IReadOnlyList<ImportedAccountRow> accounts, long importedAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await BatchInsert.TryInsertAllAsync(connection, transaction, "accounts", Columns.Split(", "),
            accounts.Select(a => (a.Row, a.ConnectorSecret)).Select(x => new object?[]
            {
                x.Row.AgencyId, x.Row.Id, x.Row.Platform, x.Row.HandleKey, x.Row.Brand, x.Row.Kind, x.Row.Status, x.Row.Followers,
                x.Row.Version, x.Row.CreatedAt, x.Row.UpdatedAt, x.Row.Document, x.ConnectorSecret, x.Row.CredentialStatus,
            }).ToList(), cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        await BatchInsert.ExecuteAsync(connection, transaction, "account_tags", ["agency_id", "account_id", "tag", "weight"],
            accounts.SelectMany(a => a.Row.Tags.Select(t => new object?[] { a.Row.AgencyId, a.Row.Id, t.Key, t.Value })).ToList(),
            "", cancellationToken);
        await BatchInsert.ExecuteAsync(connection, transaction, "account_imports", ["agency_id", "account_id", "connector_secret", "imported_at"],
            accounts.Select(a => new object?[] { a.Row.AgencyId, a.Row.Id, a.ConnectorSecret, importedAt }).ToList(),
            "", cancellationToken);
        await BatchInsert.ExecuteAsync(connection, transaction, "follower_snapshots", ["agency_id", "account_id", "at_ms", "count"],
            accounts.Where(a => a.InitialFollowers is not null)
                .Select(a => new object?[] { a.Row.AgencyId, a.Row.Id, a.Row.CreatedAt, a.InitialFollowers }).ToList(),
            "", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await BatchInsert.AnalyzeAsync(connection, ["accounts", "account_tags"], cancellationToken);
        return true;
    }

    /// <summary>The (platform, handle key) pairs among <paramref name="handleKeys"/> already held in the agency.</summary>
    public async Task<IReadOnlySet<(string Platform, string HandleKey)>> ExistingHandlesAsync(
        string agencyId, IReadOnlyCollection<string> handleKeys, CancellationToken cancellationToken = default)
    {
        var found = await SqlLists.QueryOneOfAsync<(string, string)>(
            connections, "SELECT platform, handle_key FROM accounts WHERE agency_id = @agencyId AND", "handle_key", agencyId, handleKeys, cancellationToken);
        return found.ToHashSet();
    }

    /// <summary>An imported account its grain has not taken over yet, or null.</summary>
    public async Task<AdoptableAccount?> FindAdoptableAsync(string agencyId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AdoptableAccount>(
            """
            SELECT a.document AS Document, i.connector_secret AS ConnectorSecret
            FROM accounts a JOIN account_imports i ON i.agency_id = a.agency_id AND i.account_id = a.id
            WHERE a.agency_id = @agencyId AND a.id = @id
            """, new { agencyId, id });
    }

    /// <summary>
    /// The webhook secret of an account as stored (vault-protected, or plaintext written before the vault), or null when
    /// the account is unknown or its connector has none. Read to verify a platform callback without activating the
    /// account's grain; the one place the secret is read back, and its reader reveals it with <c>AccountSecrets</c>.
    /// </summary>
    public async Task<string?> FindConnectorSecretAsync(string agencyId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT connector_secret FROM accounts WHERE agency_id = @agencyId AND id = @id", new { agencyId, id });
    }

    /// <summary>Accounts with a credential, counted by platform and credential status across every agency (telemetry).</summary>
    public async Task<IReadOnlyList<CredentialCount>> CountCredentialsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<CredentialCount>(
            """
            SELECT platform AS Platform, credential_status AS Status, COUNT(*) AS Count FROM accounts
            WHERE credential_status IS NOT NULL GROUP BY platform, credential_status
            """)).ToList();
    }

    /// <summary>Drops an import marker (and the secret in it) once the grain has persisted its own state.</summary>
    public async Task ForgetImportAsync(string agencyId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("DELETE FROM account_imports WHERE agency_id = @agencyId AND account_id = @id", new { agencyId, id });
    }

    /// <summary>
    /// One statement inserting all of the row's tags (at most 50, so well within either engine's parameter limit), with
    /// their parameters added to <paramref name="parameters"/> (which hold <c>@AgencyId</c> and <c>@Id</c>); empty
    /// without tags.
    /// </summary>
    private static string TagsInsert(AccountRow row, DynamicParameters parameters)
    {
        if (row.Tags.Count == 0)
        {
            return "";
        }
        var sql = new StringBuilder("INSERT INTO account_tags (agency_id, account_id, tag, weight) VALUES ");
        var i = 0;
        foreach (var (tag, weight) in row.Tags)
        {
            sql.Append(i == 0 ? "" : ", ").Append($"(@AgencyId, @Id, @Tag{i}, @Weight{i})");
            parameters.Add($"Tag{i}", tag);
            parameters.Add($"Weight{i}", weight);
            i++;
        }
        return sql.Append(';').ToString();
    }
}
