using System.Text.Json.Serialization;
using Campaigns.Application.Common;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Domain.Videos;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Videos;
using Campaigns.Storage.Products;
using FluentValidation;
using Mediator;

namespace Campaigns.Application.Videos;

/// <summary>A per-platform variant as clients send it.</summary>
public sealed record VariantInput(string? Caption, List<string>? Hashtags);

/// <summary>Add a video to the agency's content library (<c>POST /v1/videos</c>).</summary>
public sealed record CreateVideo(
    string? Title,
    string? Copy,
    string? Type,
    int? DurationSeconds,
    string? MediaUrl,
    string? CoverUrl,
    List<string>? Tags,
    List<string>? Topics,
    List<string>? ProductIds,
    Dictionary<string, VariantInput>? Variants,
    bool? ArEffect) : ICommand<Outcome<VideoView>>
{
    /// <summary>The calling agency; set by the gateway.</summary>
    [JsonIgnore]
    public string AgencyId { get; init; } = "";
}

public sealed class CreateVideoValidator : AbstractValidator<CreateVideo>
{
    public const int MaxTitleLength = 200, MaxCopyLength = 5000, MaxDurationSeconds = 24 * 60 * 60;

    public CreateVideoValidator(ProductStore products)
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(MaxTitleLength);
        RuleFor(c => c.Copy).MaximumLength(MaxCopyLength);
        RuleFor(c => c.Type).NotEmpty().OneOf<CreateVideo, VideoType>();
        RuleFor(c => c.DurationSeconds).NotNull().InclusiveBetween(1, MaxDurationSeconds);
        RuleFor(c => c.MediaUrl).HttpUrl();
        RuleFor(c => c.CoverUrl).HttpUrl();
        RuleFor(c => c.Tags).TagList(ListRules.MaxTags);
        RuleFor(c => c.Topics).TagList(ListRules.MaxTopics);
        RuleFor(c => c.ProductIds)
            .Must(ids => ids is null || ids.Count <= ListRules.MaxProductsPerVideo).WithMessage($"At most {ListRules.MaxProductsPerVideo} products.")
            .CustomAsync(async (ids, context, ct) =>
            {
                if (ids is not { Count: > 0 and <= ListRules.MaxProductsPerVideo })
                {
                    return;
                }
                var known = await products.ExistingIdsAsync(context.InstanceToValidate.AgencyId, ids, ct);
                for (var i = 0; i < ids.Count; i++)
                {
                    if (!known.Contains(ids[i]))
                    {
                        context.AddFailure($"productIds[{i}]", $"Unknown product '{ids[i]}'.");
                    }
                }
            });
        RuleFor(c => c.Variants).Custom((variants, context) =>
        {
            foreach (var (word, variant) in variants ?? [])
            {
                if (!WireName<Platform>.TryParse(word, out var platform))
                {
                    context.AddFailure($"variants.{word}", $"Not a platform; use one of: {string.Join(", ", WireName<Platform>.All)}.");
                    continue;
                }
                if (variant is null)
                {
                    context.AddFailure($"variants.{word}", "Must be an object with caption and hashtags.");
                    continue;
                }
                var hashtags = CreateVideoHandler.Hashtags(variant.Hashtags);
                foreach (var violation in PlatformLimits.Check(platform, variant.Caption, hashtags.Count, context.InstanceToValidate.DurationSeconds))
                {
                    context.AddFailure($"variants.{word}.{violation.Field}", violation.Message);
                }
            }
        });
    }
}

public sealed class CreateVideoHandler(IGrainFactory grains, TimeProvider clock) : ICommandHandler<CreateVideo, Outcome<VideoView>>
{
    public async ValueTask<Outcome<VideoView>> Handle(CreateVideo command, CancellationToken cancellationToken)
    {
        var id = Ids.New(VideoLookup.Prefix, clock);
        var draft = new VideoDraft(
            command.Title!.Trim(),
            command.Copy,
            WireName<VideoType>.Parse(command.Type!),
            command.DurationSeconds!.Value,
            command.MediaUrl,
            command.CoverUrl,
            Tags.NormalizeList(command.Tags),
            Hashtags(command.Topics),
            (command.ProductIds ?? []).Distinct(StringComparer.Ordinal).ToList(),
            (command.Variants ?? []).ToDictionary(
                v => WireName<Platform>.Parse(v.Key),
                v => new VideoVariant(v.Value.Caption, Hashtags(v.Value.Hashtags))),
            command.ArEffect ?? false);
        var outcome = await grains.GetGrain<IVideoGrain>(GrainKeys.For(command.AgencyId, id)).Create(draft);
        return outcome.Map(VideoView.From);
    }

    /// <summary>Hashtags as stored: normalised, '#'-prefixed, de-duplicated (validation counts the same list).</summary>
    internal static List<string> Hashtags(List<string>? values) =>
        (values ?? []).Select(Tags.NormalizeHashtag).Where(h => h.Length > 1).Distinct(StringComparer.Ordinal).ToList();
}
