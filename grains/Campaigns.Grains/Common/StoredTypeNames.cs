using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Orleans.Serialization;

namespace Campaigns.Grains.Common;

/// <summary>
/// Earlier names of types that moved to another namespace. Grain state is stored as JSON naming every object's type
/// (<c>$type</c>), and Orleans names types in messages the same way, so rows written before a move (and silos not yet
/// upgraded) still say the old name. Orleans asks every registered <see cref="ITypeConverter"/> when it parses a type
/// name; this one rewrites the old names, generic arguments and nested types included, and resolves the result. It
/// never formats: everything written from now on carries the new names. A type that moves again gets a line here.
/// </summary>
public sealed class StoredTypeNames : ITypeConverter
{
    /// <summary>Old full name → new full name, for every type that moved when folders were named by feature.</summary>
    public static readonly IReadOnlyDictionary<string, string> Renames = new[]
    {
        Moved("Campaigns.Domain.Automation", "Campaigns.Domain.Rules", "RuleCondition", "RuleDecision", "RuleEvaluation", "RuleMetric", "RuleMetrics", "RuleObservation", "RuleVerdict"),
        Moved("Campaigns.Domain.Catalogue", "Campaigns.Domain.Products", "Currencies", "Prices"),
        Moved("Campaigns.Domain.Catalogue", "Campaigns.Domain.Videos", "LimitViolation", "PlatformLimit", "PlatformLimits", "UploadLimits", "VideoType"),
        Moved("Campaigns.Domain.Engagement", "Campaigns.Domain.Feedback", "EngagementSnapshot", "Range", "SandboxEngagement"),
        Moved("Campaigns.Domain.Planning", "Campaigns.Domain.Campaigns", "CapsCalendar", "LocalClock", "MatrixPlanner", "MatrixRequest", "Plan", "PlanWarning", "PlannedPush", "PlanningAccount", "PlanningVariant", "PlanningVideo"),
        Moved("Campaigns.Domain.Planning", "Campaigns.Domain.Waves", "TieInPlanner", "TieInRequest", "TieInWaveRequest"),
        Moved("Campaigns.Domain.TieIn", "Campaigns.Domain.Waves", "GateReading", "GateVerdict", "WaveGateRule", "WaveGates"),
        Moved("Campaigns.Grains.Abstractions.Campaigns", "Campaigns.Grains.Abstractions.Feedback", "MetricsReceipt", "MetricsSnapshot"),
        Moved("Campaigns.Grains.Abstractions.Campaigns", "Campaigns.Grains.Abstractions.Pushes", "FireDecision", "IPushOwnerGrain", "PushOwners", "StandalonePushOwners"),
        Moved("Campaigns.Grains.Abstractions.Campaigns", "Campaigns.Grains.Abstractions.Rules", "ICampaignRulesGrain", "RuleWords", "RulesVerdict"),
        Moved("Campaigns.Grains.Abstractions.Campaigns", "Campaigns.Grains.Abstractions.Schedules", "IScheduleGrain", "ScheduleDefinition", "ScheduleIds", "ScheduleSnapshot"),
        Moved("Campaigns.Grains.Abstractions.Campaigns", "Campaigns.Grains.Abstractions.Waves", "ICampaignWavesGrain", "WaveProgress"),
        Moved("Campaigns.Grains.Abstractions.Catalogue", "Campaigns.Grains.Abstractions.Products", "IProductGrain", "IProductImportGrain", "Money", "ProductDraft", "ProductImportItem", "ProductSkus", "ProductSnapshot", "ProductStats"),
        Moved("Campaigns.Grains.Abstractions.Catalogue", "Campaigns.Grains.Abstractions.Videos", "IVideoGrain", "VideoDraft", "VideoSnapshot", "VideoVariant"),
        Moved("Campaigns.Grains.Campaigns", "Campaigns.Grains.Feedback", "FeedbackRows"),
        Moved("Campaigns.Grains.Campaigns", "Campaigns.Grains.Pushes", "InFlightPushes", "PushIds"),
        Moved("Campaigns.Grains.Campaigns", "Campaigns.Grains.Schedules", "ScheduleGrain", "ScheduleState"),
        Moved("Campaigns.Grains.Campaigns", "Campaigns.Grains.Waves", "TieInProgress"),
        Moved("Campaigns.Grains.Catalogue", "Campaigns.Grains.Products", "ProductGrain", "ProductImportGrain", "ProductRows", "ProductState"),
        Moved("Campaigns.Grains.Catalogue", "Campaigns.Grains.Videos", "VideoGrain", "VideoState")
    }.SelectMany(moved => moved).ToDictionary(pair => pair.Old, pair => pair.New, StringComparer.Ordinal);

    private static readonly Regex OldName = new(
        // A full old name, ended by what can follow a type name inside a type string: an assembly, a generic argument
        // list or arity, a nested type, or the end.
        "(?<![\\w.])(" + string.Join("|", Renames.Keys.OrderByDescending(name => name.Length).Select(Regex.Escape)) + ")(?=[,\\]\\[`+]|$)",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <inheritdoc />
    public bool TryFormat(Type type, out string formatted)
    {
        formatted = "";
        return false;
    }

    /// <summary>
    /// Every name asked about, with its answer: Orleans asks on hot paths (every grain call and state write), so the
    /// scan below runs once per distinct name. Type names are few, so this stays small.
    /// </summary>
    private readonly ConcurrentDictionary<string, Type?> _answers = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool TryParse(string formatted, out Type type)
    {
        type = _answers.GetOrAdd(formatted, static name => Rewrite(name) is { } current ? Type.GetType(current, throwOnError: false) : null)!;
        return type is not null;
    }

    /// <summary>The type string with every old name replaced, or null when it holds none.</summary>
    public static string? Rewrite(string typeName)
    {
        var rewritten = OldName.Replace(typeName, match => Renames[match.Value]);
        return rewritten == typeName ? null : rewritten;
    }

    private static IEnumerable<(string Old, string New)> Moved(string from, string to, params string[] names) =>
        names.Select(name => ($"{from}.{name}", $"{to}.{name}"));
}
