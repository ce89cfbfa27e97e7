using System.Text.Json.Serialization;
using Campaigns.Application.Campaigns;
using Campaigns.Application.Common;
using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Pushes;
using Campaigns.Scheduling;
using Campaigns.Storage.Pushes;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Pushes;

/// <summary>
/// A person settles an unconfirmed push (<c>POST /v1/pushes/{id}/resolve</c>): it was published as
/// <see cref="PlatformPostId"/>, or (<see cref="Published"/> false) it was not, and it is due again unless it is stale.
/// </summary>
public sealed record ResolvePush(string? PlatformPostId, bool? Published) : ICommand<Outcome<PushView>>
{
    [JsonIgnore]
    public string AgencyId { get; init; } = "";

    [JsonIgnore]
    public string PushId { get; init; } = "";
}

public sealed class ResolvePushValidator : AbstractValidator<ResolvePush>
{
    public const int MaxPostIdLength = 200;

    public ResolvePushValidator()
    {
        RuleFor(c => c.PlatformPostId)
            .NotEmpty().When(c => c.Published != false)
            .WithMessage("Give platformPostId (the post the platform made) or \"published\": false (it made none).");
        RuleFor(c => c.PlatformPostId).MaximumLength(MaxPostIdLength);
        RuleFor(c => c.Published)
            .Must(p => p != false).When(c => !string.IsNullOrEmpty(c.PlatformPostId))
            .WithMessage("\"published\": false contradicts platformPostId; give one of them.");
    }
}

public sealed class ResolvePushHandler(IGrainFactory grains, PushQueries pushes, PlatformPushes platformPushes, IOptions<PushSchedulingOptions> options, TimeProvider clock)
    : ICommandHandler<ResolvePush, Outcome<PushView>>
{
    public async ValueTask<Outcome<PushView>> Handle(ResolvePush command, CancellationToken cancellationToken)
    {
        if (await pushes.GetAsync(command.AgencyId, command.PushId, cancellationToken) is not { } push)
        {
            return EntityLookup.NotFound<PushView>("Push", command.PushId);
        }
        var now = clock.GetUtcNow();
        var late = now - DateTimeOffset.FromUnixTimeMilliseconds(push.ScheduledAt);
        var stale = command.PlatformPostId is null && late > TimeSpan.FromMinutes(options.Value.StalenessMinutes);
        var (status, note) = command.PlatformPostId is { } postId
            ? (PushStatus.Published, $"Resolved by a person: published as {postId}.")
            : stale
                ? (PushStatus.Skipped, $"Resolved by a person: not published; stale ({late.TotalMinutes:F0} minutes late, past the {options.Value.StalenessMinutes}-minute limit), so skipped.")
                : (PushStatus.Scheduled, "Resolved by a person: not published; due again.");
        var applied = push.Lifecycle == PushStatus.Unconfirmed && (command.PlatformPostId is { } id
            ? await platformPushes.ResolvePublishedAsync(command.AgencyId, command.PushId, id, note, now.ToUnixTimeMilliseconds(), cancellationToken)
            : await platformPushes.ResolveNotPublishedAsync(command.AgencyId, command.PushId, stale, note, now.ToUnixTimeMilliseconds(), cancellationToken));
        if (!applied)
        {
            return Outcome<PushView>.Fail(ErrorKind.Conflict,
                $"Push {command.PushId} is {WireName<PushStatus>.Of(push.Lifecycle)}; only an unconfirmed push can be resolved.");
        }
        if (status != PushStatus.Scheduled)
        {
            await PushOwners.Of(grains, command.AgencyId, push.CampaignId).PushSettled(command.PushId, status, note);
        }
        return Outcome<PushView>.Ok(PushView.From((await pushes.GetAsync(command.AgencyId, command.PushId, cancellationToken))!));
    }
}
