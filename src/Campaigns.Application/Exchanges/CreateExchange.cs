using System.Text.Json.Serialization;
using Campaigns.Application.Common;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;
using Campaigns.Domain.Exchanges;
using Campaigns.Domain.Videos;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Grains.Abstractions.Videos;
using Campaigns.Storage.Accounts;
using Campaigns.Storage.Exchanges;
using Campaigns.Storage.Videos;
using FluentValidation;
using Mediator;

namespace Campaigns.Application.Exchanges;

/// <summary>
/// Propose an exchange between two accounts of the agency (<c>POST /v1/exchanges</c>): at <see cref="At"/>, B posts
/// A's video (<see cref="VideoA"/>) and A posts B's (<see cref="VideoB"/>).
/// </summary>
public sealed record CreateExchange(string? AccountA, string? AccountB, string? Kind, string? VideoA, string? VideoB, string? At)
    : ICommand<Outcome<ExchangeView>>
{
    /// <summary>The calling agency; set by the gateway.</summary>
    [JsonIgnore]
    public string AgencyId { get; init; } = "";
}

public sealed class CreateExchangeValidator : AbstractValidator<CreateExchange>
{
    /// <summary>How far in the past <c>at</c> may be (a clock a little behind ours); such a push fires at once.</summary>
    public static readonly TimeSpan PastGrace = TimeSpan.FromMinutes(1);

    /// <summary>How far ahead an exchange may be proposed; its credits stay reserved until then.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(365);

    public CreateExchangeValidator(VideoStore videos, TimeProvider clock)
    {
        RuleFor(c => c.AccountA).NotEmpty();
        RuleFor(c => c.AccountB).NotEmpty()
            .NotEqual(c => c.AccountA).WithMessage("An account cannot exchange with itself: give two different accounts.");
        RuleFor(c => c.Kind).NotEmpty().OneOf<CreateExchange, ExchangeKind>();
        RuleFor(c => c.VideoA).NotEmpty().CustomAsync((id, ctx, ct) => KnownVideo(videos, id, "videoA", ctx, ct));
        RuleFor(c => c.VideoB).NotEmpty().CustomAsync((id, ctx, ct) => KnownVideo(videos, id, "videoB", ctx, ct));
        RuleFor(c => c.At).NotEmpty().Instant()
            .Must(at => !Instants.TryParse(at, out var instant) || instant >= clock.GetUtcNow() - PastGrace)
            .WithMessage($"Must not be in the past (by more than {PastGrace.TotalMinutes:0} minute).")
            .Must(at => !Instants.TryParse(at, out var instant) || instant <= clock.GetUtcNow() + Horizon)
            .WithMessage($"Must be within {Horizon.TotalDays:0} days from now.");
    }

    private static async Task KnownVideo(VideoStore videos, string? id, string field, ValidationContext<CreateExchange> context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id))
        {
            return;
        }
        var found = await videos.DocumentsAsync(context.InstanceToValidate.AgencyId, [id], cancellationToken);
        if (!found.ContainsKey(id))
        {
            context.AddFailure(field, $"Unknown id '{id}'.");
        }
    }
}

public sealed class CreateExchangeHandler(IGrainFactory grains, AccountStore accounts, VideoStore videos, ExchangeStore exchanges)
    : ICommandHandler<CreateExchange, Outcome<ExchangeView>>
{
    public async ValueTask<Outcome<ExchangeView>> Handle(CreateExchange command, CancellationToken cancellationToken)
    {
        Instants.TryParse(command.At, out var at);
        var accountDocs = await accounts.DocumentsAsync(command.AgencyId, [command.AccountA!, command.AccountB!], cancellationToken);
        var videoDocs = await videos.DocumentsAsync(command.AgencyId, [command.VideoA!, command.VideoB!], cancellationToken);
        var sides = new List<(string Field, AccountSnapshot Account)>();
        foreach (var (field, id) in new[] { ("accountA", command.AccountA!), ("accountB", command.AccountB!) })
        {
            // As for any id the agency does not have: another agency's account answers exactly like one that does not exist.
            if (!accountDocs.TryGetValue(id, out var doc))
            {
                return Outcome<ExchangeView>.Fail(ErrorKind.NotFound, $"Account {id} ({field}) was not found.", field);
            }
            var account = AccountDocument.Deserialize(doc);
            if (account.Status != AccountStatus.Active)
            {
                return Outcome<ExchangeView>.Fail(ErrorKind.Conflict, $"Account {id} ({field}) is suspended; resume it before it exchanges.", field);
            }
            sides.Add((field, account));
        }
        var (a, b) = (sides[0].Account, sides[1].Account);
        var videoA = Documents.Deserialize<VideoSnapshot>(videoDocs[command.VideoA!]);
        var videoB = Documents.Deserialize<VideoSnapshot>(videoDocs[command.VideoB!]);
        // B posts A's video, A posts B's.
        var forA = Push(b, videoA, at, out var refusalA);
        var forB = Push(a, videoB, at, out var refusalB);
        if ((refusalA ?? refusalB) is { } refusal)
        {
            return Outcome<ExchangeView>.Fail(ErrorKind.Unprocessable, refusal);
        }
        var draft = new ExchangeDraft(a.Id, b.Id, WireName<ExchangeKind>.Parse(command.Kind!), forA, forB);
        var reserved = await grains.GetGrain<IExchangeLedgerGrain>(ExchangeLedger.Key(command.AgencyId)).Reserve(null, [draft]);
        if (reserved.Value is not [var exchange] || reserved.Error is not null)
        {
            return new Outcome<ExchangeView>(null, reserved.Error);
        }
        var views = await ExchangeViews.BuildAsync(exchanges, command.AgencyId, [exchange], cancellationToken);
        return Outcome<ExchangeView>.Ok(views[0]);
    }

    /// <summary>
    /// The push of <paramref name="video"/> by <paramref name="poster"/> at <paramref name="at"/>, captioned for its platform;
    /// or why it could never publish: the poster's quiet hours cover the instant, or the platform would reject the video.
    /// Gaps and daily maxima depend on what else the account posts by then, and are checked when the push fires.
    /// </summary>
    private static ExchangePush Push(AccountSnapshot poster, VideoSnapshot video, DateTimeOffset at, out string? refusal)
    {
        var variant = video.Variants.GetValueOrDefault(poster.Platform);
        var caption = variant?.Caption ?? video.Title;
        var hashtags = variant?.Hashtags ?? video.Topics;
        var caps = poster.Caps.ToDomain();
        var local = LocalClock.ToLocal(at, TimeZoneInfo.FindSystemTimeZoneById(poster.TimeZone));
        var violations = PlatformLimits.Check(poster.Platform, caption, hashtags.Count, video.DurationSeconds);
        refusal = caps.QuietHours is { } quiet && quiet.Contains(TimeOnly.FromDateTime(local))
            ? $"Account {poster.Id} would post {video.Id} at {local:HH:mm} local time, inside its quiet hours ({quiet.From:HH\\:mm}–{quiet.To:HH\\:mm}): choose another 'at'."
            : violations.Count > 0
                ? $"{WireName<Platform>.Of(poster.Platform)} would reject {video.Id} from account {poster.Id}: {string.Join(" ", violations.Select(v => v.Message))}"
                : null;
        return new ExchangePush(null, poster.Id, video.Id, WireName<Platform>.Of(poster.Platform), poster.Brand, caption, hashtags.ToList(), at);
    }
}
