
using Campaigns.Application.Common;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Storage.Agencies;
using Mediator;
namespace Campaigns.Application.Agencies;

/// <summary>
/// Revoke one of the calling agency's keys (<c>DELETE /v1/keys/{id}</c>). This process forgets it at once; every
/// other silo within <see cref="ApiKeyAuthenticator.TrustCachedFor"/>. The agency's last key cannot be deleted.
/// </summary>
public sealed record DeleteApiKey(string AgencyId, string KeyId) : ICommand<Outcome<string>>;

public sealed class DeleteApiKeyHandler(ApiKeyStore keys, ApiKeyAuthenticator authenticator) : ICommandHandler<DeleteApiKey, Outcome<string>>
{
    public async ValueTask<Outcome<string>> Handle(DeleteApiKey command, CancellationToken cancellationToken)
    {
        if (!Ids.HasShape(command.KeyId, ApiKeys.IdPrefix))
        {
            return EntityLookup.NotFound<string>("Key", command.KeyId);
        }
        var (change, hash) = await keys.DeleteAsync(command.AgencyId, command.KeyId, cancellationToken);
        switch (change)
        {
            case ApiKeyChange.Done:
                authenticator.Forget(hash!);
                return Outcome<string>.Ok(command.KeyId);
            case ApiKeyChange.LastKey:
                return Outcome<string>.Fail(ErrorKind.Conflict,
                    $"Key {command.KeyId} is the agency's last key; create another (POST /v1/keys) before deleting it.");
            default:
                return EntityLookup.NotFound<string>("Key", command.KeyId);
        }
    }
}
