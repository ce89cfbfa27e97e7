
using Campaigns.Application.Common;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Storage.Agencies;
using FluentValidation;
using Mediator;
namespace Campaigns.Application.Agencies;

/// <summary>Create a tenant (<c>POST /v1/agencies</c>, admin key only).</summary>
public sealed record CreateAgency(string? Name) : ICommand<Outcome<CreatedAgency>>;

/// <summary>A new agency with its API key, which is shown this once and never again.</summary>
public sealed record CreatedAgency(string Id, string Name, string ApiKey, DateTimeOffset CreatedAt);

public sealed class CreateAgencyValidator : AbstractValidator<CreateAgency>
{
    public const int MaxNameLength = 100;

    public CreateAgencyValidator() => RuleFor(c => c.Name).RequiredName(MaxNameLength);
}

public sealed class CreateAgencyHandler(AgencyStore agencies, TimeProvider clock) : ICommandHandler<CreateAgency, Outcome<CreatedAgency>>
{
    public async ValueTask<Outcome<CreatedAgency>> Handle(CreateAgency command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var agency = new AgencyRecord(Ids.New("agy", clock), command.Name!.Trim(), now.ToUnixTimeMilliseconds());
        var (key, record) = ApiKeys.Issue(agency.Id, ApiKeys.InitialName, clock);
        await agencies.CreateAsync(agency, record, cancellationToken);
        return Outcome<CreatedAgency>.Ok(new CreatedAgency(agency.Id, agency.Name, key, now));
    }
}
