using System.Text.Json.Serialization;
using Campaigns.Application.Common;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Storage.Agencies;
using FluentValidation;
using Mediator;

namespace Campaigns.Application.Agencies;

/// <summary>
/// Issue another API key for an agency: its own (<c>POST /v1/keys</c>) or, with the admin key, one that lost its
/// keys (<c>POST /v1/agencies/{id}/keys</c>).
/// </summary>
public sealed record CreateApiKey(string? Name) : ICommand<Outcome<CreatedApiKey>>
{
    [JsonIgnore]
    public string AgencyId { get; init; } = "";
}

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public CreateApiKeyValidator() => RuleFor(c => c.Name).RequiredName(CreateAgencyValidator.MaxNameLength);
}

public sealed class CreateApiKeyHandler(ApiKeyStore keys, TimeProvider clock) : ICommandHandler<CreateApiKey, Outcome<CreatedApiKey>>
{
    public async ValueTask<Outcome<CreatedApiKey>> Handle(CreateApiKey command, CancellationToken cancellationToken)
    {
        if (!Domain.Common.Ids.HasShape(command.AgencyId, "agy"))
        {
            return EntityLookup.NotFound<CreatedApiKey>("Agency", command.AgencyId);
        }
        var (key, record) = ApiKeys.Issue(command.AgencyId, command.Name!.Trim(), clock);
        return await keys.AddAsync(record, ApiKeys.MaxPerAgency, cancellationToken) switch
        {
            ApiKeyChange.Done => Outcome<CreatedApiKey>.Ok(
                new CreatedApiKey(record.Id, record.Name, key, DateTimeOffset.FromUnixTimeMilliseconds(record.CreatedAt))),
            ApiKeyChange.TooManyKeys => Outcome<CreatedApiKey>.Fail(ErrorKind.Conflict,
                $"The agency already holds {ApiKeys.MaxPerAgency} keys, the most it may; delete one first."),
            _ => EntityLookup.NotFound<CreatedApiKey>("Agency", command.AgencyId),
        };
    }
}
