using Campaigns.Grains.Abstractions.Accounts;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// Thrown by <see cref="CredentialKeeper"/>'s <c>CurrentAsync</c> when the account has no usable credential; a
/// publish should check <see cref="CredentialKeeper.GetAsync"/> first and hold its push instead.
/// </summary>
public sealed class CredentialUnavailableException(CredentialFailure failure)
    : Exception($"No usable credential: {failure.Kind} {failure.Code}: {failure.Message}")
{
    /// <summary>Why there is none.</summary>
    public CredentialFailure Failure { get; } = failure;
}
