using System.Diagnostics;
using Campaigns.Scheduling.Pushes;

namespace Campaigns.Scheduling.Telemetry;

/// <summary>
/// One span per publish of a push, parent of the grain calls and connector HTTP it makes. It carries identifiers and
/// words only — the push, its account, the platform, the attempt and the outcome — never a caption, a credential, a
/// secret or a platform's error text (which may quote what was sent).
/// </summary>
public static class PushTracing
{
    public const string SourceName = "Campaigns.Pushes";

    public const string PushIdTag = "campaigns.push.id";
    public const string AccountIdTag = "campaigns.account.id";
    public const string PlatformTag = "campaigns.platform";
    public const string AttemptTag = "campaigns.push.attempt";
    public const string OutcomeTag = "campaigns.push.outcome";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the span of one publish, or returns null when nobody listens.</summary>
    public static Activity? StartPublish(DuePush push)
    {
        var activity = Source.StartActivity("publish push", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(PushIdTag, push.PushId);
            activity.SetTag(AccountIdTag, push.AccountId);
            activity.SetTag(PlatformTag, push.Platform);
            activity.SetTag(AttemptTag, push.Attempts + 1);
        }
        return activity;
    }

    /// <summary>Tags the span with what the publish ended in; a failure is an error span.</summary>
    public static void End(Activity? activity, string outcome)
    {
        if (activity is null)
        {
            return;
        }
        activity.SetTag(OutcomeTag, outcome);
        if (outcome is "failed" or "unconfirmed" or "refused")
        {
            activity.SetStatus(ActivityStatusCode.Error, outcome);
        }
    }

    /// <summary>Marks the span failed by an exception, naming its type only (its message may quote a platform's answer).</summary>
    public static bool Threw(Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        return false;
    }
}
