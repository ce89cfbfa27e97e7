using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Campaigns.Storage.Connect;

/// <summary>
/// The <c>oauth_states</c> table: a connect attempt's state, kept as a hash, bound to agency, account and connector
/// type, valid until it expires and usable once.
/// </summary>
public sealed class OAuthStateStore(DbConnectionFactory connections)
{
    /// <summary>Expired attempts are deleted this long after they expire (a burned or expired state is refused either way).</summary>
    public static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(1);

    /// <summary>The stored hash of a state: SHA-256, lower-case hex.</summary>
    public static string Hash(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));

    /// <summary>Stores a new attempt, and drops attempts that expired more than <see cref="KeptAfterExpiry"/> ago.</summary>
    public async Task AddAsync(OAuthAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO oauth_states (state_hash, agency_id, account_id, connector_type, code_verifier, created_at, expires_at)
            VALUES (@StateHash, @AgencyId, @AccountId, @ConnectorType, @CodeVerifier, @CreatedAt, @ExpiresAt)
            """, attempt);
        await connection.ExecuteAsync(
            "DELETE FROM oauth_states WHERE expires_at < @before",
            new { before = attempt.CreatedAt - (long)KeptAfterExpiry.TotalMilliseconds });
    }

    /// <summary>
    /// Uses a state up, atomically: one conditional UPDATE marks it used only if it exists for this connector type, is
    /// unused and unexpired, so of two concurrent callbacks with the same state exactly one gets the attempt. Null when
    /// the state is unknown, for another type, already used or expired; then nothing changes.
    /// </summary>
    public async Task<BurnedState?> BurnAsync(string state, string connectorType, long nowMs, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BurnedState>(
            """
            UPDATE oauth_states SET used_at = @nowMs
            WHERE state_hash = @hash AND connector_type = @connectorType AND used_at IS NULL AND expires_at > @nowMs
            RETURNING agency_id AS AgencyId, account_id AS AccountId, code_verifier AS CodeVerifier
            """, new { hash = Hash(state), connectorType, nowMs });
    }
}
