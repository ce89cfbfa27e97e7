namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>An account's current access token and the platform's id of its user. Never logged, never shown to a client.</summary>
[GenerateSerializer, Immutable]
public sealed record AccessCredential(
    [property: Id(0)] string AccessToken,
    [property: Id(1)] string? UserId)
{
    /// <summary>Keeps the token out of logs and debugger views.</summary>
    public override string ToString() => $"access for {UserId ?? "(user of token)"}";
}

/// <summary>Why an account has no usable credential right now.</summary>
[GenerateSerializer]
public enum CredentialFailureKind
{
    /// <summary>The account has no tokens: connect it.</summary>
    NotConnected,

    /// <summary>The platform refused to refresh the tokens: connect it again.</summary>
    NeedsReauth,

    /// <summary>The platform asked us to slow down; try again after <see cref="CredentialFailure.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>The platform or our storage could not be reached; try again later.</summary>
    Transient,
}

/// <summary>Why no credential was handed out, with the platform's code where it gave one.</summary>
[GenerateSerializer, Immutable]
public sealed record CredentialFailure(
    [property: Id(0)] CredentialFailureKind Kind,
    [property: Id(1)] string Code,
    [property: Id(2)] string Message,
    [property: Id(3)] TimeSpan? RetryAfter = null);

/// <summary>A credential, or why there is none.</summary>
[GenerateSerializer, Immutable]
public sealed record CredentialResult(
    [property: Id(0)] AccessCredential? Credential,
    [property: Id(1)] CredentialFailure? Failure)
{
    /// <summary>True when a credential was handed out.</summary>
    public bool Ok => Credential is not null;
}
