using System.Text.Json.Serialization;
using Campaigns.Application.Campaigns;
using Campaigns.Application.Common;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Schedules;
using Campaigns.Scheduling;
using Campaigns.Scheduling.Schedules;
using Campaigns.Storage.Accounts;
using Campaigns.Storage.Videos;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Schedules;

/// <summary>A recurring schedule as the API shows it.</summary>
public sealed record ScheduleView(
    string Id,
    string? Name,
    IReadOnlyList<string> AccountIds,
    string Cron,
    string TimeZone,
    IReadOnlyList<string> VideoQueue,
    bool Active,
    int Fired,
    DateTimeOffset? LastFiredAt,
    DateTimeOffset? NextFireAt,
    DateTimeOffset CreatedAt)
{
    public static ScheduleView From(ScheduleSnapshot s, TimeProvider clock) => new(
        s.Id, s.Definition.Name, s.Definition.AccountIds, s.Definition.Cron, s.Definition.TimeZone, s.Definition.VideoQueue,
        s.Active, s.Fired, s.LastFiredAt,
        s.Active ? ScheduleTriggers.Next(s.Definition.Cron, s.Definition.TimeZone, clock.GetUtcNow()) : null,
        s.CreatedAt);
}

/// <summary>Create a recurring schedule (<c>POST /v1/schedules</c>): a Quartz cron in a time zone, a video queue in rotation.</summary>
public sealed record CreateSchedule(string? Name, List<string>? AccountIds, string? Cron, string? TimeZone, List<string>? VideoQueue)
    : ICommand<Outcome<ScheduleView>>
{
    [JsonIgnore]
    public string AgencyId { get; init; } = "";
}

public sealed class CreateScheduleValidator : AbstractValidator<CreateSchedule>
{
    public const int MaxVideos = 100;

    public CreateScheduleValidator(AccountStore accounts, VideoStore videos, IOptions<ScheduleOptions> options, TimeProvider clock)
    {
        var limits = options.Value;
        RuleFor(c => c.Name).MaximumLength(CreateCampaignValidator.MaxNameLength);
        RuleFor(c => c.Cron).NotEmpty().Must(c => c is null || ScheduleTriggers.IsValid(c))
            .WithMessage("Must be a Quartz cron expression with seconds first, such as '0 0 20 * * ?' (20:00 daily).")
            .Must(c => c is null || !ScheduleTriggers.IsValid(c) || !FiresTooOften(c, limits, clock))
            .WithMessage($"Must fire at most once every {limits.MinSecondsBetweenFirings} seconds: name one second in the seconds field, "
                + "such as '0 */5 * * * ?' (every five minutes).");
        RuleFor(c => c.TimeZone).NotEmpty().IanaTimeZone();
        RuleFor(c => c.AccountIds).NotEmpty().Must(ids => ids is null || ids.Distinct().Count() <= limits.MaxPushesPerFiring)
            .WithMessage($"At most {limits.MaxPushesPerFiring} accounts: each makes one push at every firing, and one firing may make at most "
                + $"{limits.MaxPushesPerFiring} pushes.")
            .CustomAsync(async (ids, ctx, ct) => Unknown(ids, "accountIds", ctx, (await accounts.DocumentsAsync(ctx.InstanceToValidate.AgencyId, ids!, ct)).Keys))
            .When(c => c.AccountIds is { Count: > 0 } ids && ids.Distinct().Count() <= limits.MaxPushesPerFiring, ApplyConditionTo.CurrentValidator);
        RuleFor(c => c.VideoQueue).NotEmpty().Must(ids => ids is null || ids.Count <= MaxVideos).WithMessage($"At most {MaxVideos} videos.")
            .CustomAsync(async (ids, ctx, ct) => Unknown(ids, "videoQueue", ctx, (await videos.DocumentsAsync(ctx.InstanceToValidate.AgencyId, ids!, ct)).Keys))
            .When(c => c.VideoQueue is { Count: > 0 and <= MaxVideos }, ApplyConditionTo.CurrentValidator);
    }

    /// <summary>True when two firings of the expression come closer together than the settings allow.</summary>
    private static bool FiresTooOften(string cron, ScheduleOptions limits, TimeProvider clock) =>
        ScheduleTriggers.ShortestGap(cron, clock.GetUtcNow()) is { } gap && gap < TimeSpan.FromSeconds(limits.MinSecondsBetweenFirings);

    private static void Unknown(List<string>? ids, string field, ValidationContext<CreateSchedule> context, IEnumerable<string> known)
    {
        var found = known.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < (ids?.Count ?? 0); i++)
        {
            if (!found.Contains(ids![i]))
            {
                context.AddFailure($"{field}[{i}]", $"Unknown id '{ids[i]}'.");
            }
        }
    }
}

public sealed class CreateScheduleHandler(IGrainFactory grains, TimeProvider clock) : ICommandHandler<CreateSchedule, Outcome<ScheduleView>>
{
    public async ValueTask<Outcome<ScheduleView>> Handle(CreateSchedule command, CancellationToken cancellationToken)
    {
        var id = Ids.New(ScheduleLookup.Prefix, clock);
        var definition = new ScheduleDefinition(command.Name?.Trim(), command.AccountIds!.Distinct().ToList(), command.Cron!.Trim(),
            command.TimeZone!, command.VideoQueue!.ToList());
        var outcome = await grains.GetGrain<IScheduleGrain>(GrainKeys.For(command.AgencyId, id)).Create(definition);
        return outcome.Map(s => ScheduleView.From(s, clock));
    }
}

/// <summary>Finds an agency's schedule grain.</summary>
public static class ScheduleLookup
{
    public const string Prefix = ScheduleIds.Prefix;

    public static IScheduleGrain? Grain(IGrainFactory grains, string agencyId, string id) =>
        EntityLookup.Grain<IScheduleGrain>(grains, agencyId, id, Prefix);
}

/// <summary>One schedule (<c>GET /v1/schedules/{id}</c>).</summary>
public sealed record GetSchedule(string AgencyId, string ScheduleId) : IQuery<Outcome<ScheduleView>>;

public sealed class GetScheduleHandler(IGrainFactory grains, TimeProvider clock) : IQueryHandler<GetSchedule, Outcome<ScheduleView>>
{
    public async ValueTask<Outcome<ScheduleView>> Handle(GetSchedule query, CancellationToken cancellationToken) =>
        ScheduleLookup.Grain(grains, query.AgencyId, query.ScheduleId) is { } grain && await grain.Get() is { Active: true } schedule
            ? Outcome<ScheduleView>.Ok(ScheduleView.From(schedule, clock))
            : EntityLookup.NotFound<ScheduleView>("Schedule", query.ScheduleId);
}

/// <summary>The agency's active schedules (<c>GET /v1/schedules</c>).</summary>
public sealed record ListSchedules(string AgencyId, int? Limit, string? Cursor) : IQuery<Page<ScheduleView>>;

public sealed class ListSchedulesValidator : AbstractValidator<ListSchedules>
{
    public ListSchedulesValidator()
    {
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).Cursor();
    }
}

public sealed class ListSchedulesHandler(Storage.Schedules.ScheduleStore schedules, TimeProvider clock) : IQueryHandler<ListSchedules, Page<ScheduleView>>
{
    public async ValueTask<Page<ScheduleView>> Handle(ListSchedules query, CancellationToken cancellationToken)
    {
        PageCursor.TryDecode(query.Cursor, out var after);
        var (documents, hasMore) = await schedules.ListAsync(query.AgencyId, after, query.Limit ?? PageCursor.DefaultLimit, cancellationToken);
        var items = documents.Select(d => ScheduleView.From(Documents.Deserialize<ScheduleSnapshot>(d), clock)).ToList();
        return new Page<ScheduleView>(items, hasMore ? PageCursor.Encode(items[^1].Id) : null);
    }
}

/// <summary>Delete a schedule (<c>DELETE /v1/schedules/{id}</c>): its trigger goes, its unfired pushes are cancelled.</summary>
public sealed record DeleteSchedule(string AgencyId, string ScheduleId) : ICommand<Outcome<ScheduleView>>;

public sealed class DeleteScheduleHandler(IGrainFactory grains, TimeProvider clock) : ICommandHandler<DeleteSchedule, Outcome<ScheduleView>>
{
    public async ValueTask<Outcome<ScheduleView>> Handle(DeleteSchedule command, CancellationToken cancellationToken) =>
        ScheduleLookup.Grain(grains, command.AgencyId, command.ScheduleId) is { } grain
            ? (await grain.Delete()).Map(s => ScheduleView.From(s, clock))
            : EntityLookup.NotFound<ScheduleView>("Schedule", command.ScheduleId);
}
