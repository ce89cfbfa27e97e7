using System.Text.Json.Serialization;
using Campaigns.Application.Common;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using FluentValidation;
using Mediator;

namespace Campaigns.Application.Accounts;

/// <summary>
/// Record a follower snapshot (<c>POST /v1/accounts/{id}/followers</c>). <c>at</c> defaults to now (or, when the
/// account already has a snapshot at or after now, the millisecond after it); the newest snapshot becomes the account's
/// <c>followers</c>, an older one only joins the history.
/// </summary>
public sealed record RecordFollowers(long? Count, string? At) : ICommand<Outcome<FollowerSnapshotView>>
{
    /// <summary>The calling agency; set by the gateway.</summary>
    [JsonIgnore]
    public string AgencyId { get; init; } = "";

    /// <summary>The account; set by the gateway from the route.</summary>
    [JsonIgnore]
    public string AccountId { get; init; } = "";
}

/// <summary>
/// What recording a snapshot did, as the API shows it: the snapshot (<c>at</c>, <c>count</c>), whether it is now the
/// account's count (<c>current</c>), and the account's <c>followers</c> and <c>followersAt</c> after recording.
/// </summary>
public sealed record FollowerSnapshotView(string AccountId, DateTimeOffset At, long Count, bool Current, long Followers, DateTimeOffset? FollowersAt);

public sealed class RecordFollowersValidator : AbstractValidator<RecordFollowers>
{
    /// <summary>How far ahead of our clock a snapshot may be stamped: the client's clock may run a little fast.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public RecordFollowersValidator(TimeProvider clock)
    {
        RuleFor(c => c.Count).NotNull().InclusiveBetween(0, AccountInputRules.MaxFollowers);
        RuleFor(c => c.At).Instant()
            .Must(at => !Instants.TryParse(at, out var instant) || instant <= clock.GetUtcNow() + FutureTolerance)
            .WithMessage($"Must not be more than {FutureTolerance.TotalMinutes:0} minutes in the future.");
    }
}

public sealed class RecordFollowersHandler(IGrainFactory grains) : ICommandHandler<RecordFollowers, Outcome<FollowerSnapshotView>>
{
    public async ValueTask<Outcome<FollowerSnapshotView>> Handle(RecordFollowers command, CancellationToken cancellationToken)
    {
        if (AccountLookup.Grain(grains, command.AgencyId, command.AccountId) is not { } grain)
        {
            return AccountLookup.NotFound<FollowerSnapshotView>(command.AccountId);
        }
        // Stored to the millisecond, so compare and echo it at that precision. Without one, the grain takes the instant
        // (now, unless the account already has a point at or after it).
        DateTimeOffset? at = Instants.TryParse(command.At, out var given)
            ? DateTimeOffset.FromUnixTimeMilliseconds(given.ToUnixTimeMilliseconds()).ToOffset(given.Offset)
            : null;
        var outcome = await grain.RecordFollowers(at, command.Count!.Value);
        return outcome.Map(r => new FollowerSnapshotView(command.AccountId, r.At, r.Count, r.Current, r.Followers, r.FollowersAt));
    }
}
