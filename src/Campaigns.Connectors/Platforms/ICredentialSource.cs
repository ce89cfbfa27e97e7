namespace Campaigns.Connectors.Platforms;

/// <summary>
/// Where a publish run gets the account's credential, and a fresh one when the platform says it is invalid. The
/// account grain implements it: it decrypts the stored tokens, refreshes single-flight, and stores a rotated
/// refresh token durably before handing out the new access token.
/// </summary>
public interface ICredentialSource
{
    /// <summary>The credential to use now.</summary>
    ValueTask<PlatformCredential> CurrentAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A credential newer than <paramref name="stale"/>, refreshing if nobody has yet; the failure when the platform
    /// refused the refresh (the account needs to be connected again) or could not be reached.
    /// </summary>
    ValueTask<PlatformResult<PlatformCredential>> RefreshAsync(PlatformCredential stale, CancellationToken cancellationToken);
}
