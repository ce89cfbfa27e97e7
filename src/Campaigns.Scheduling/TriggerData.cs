using Campaigns.Grains.Abstractions.Common;
using Quartz;

namespace Campaigns.Scheduling;

/// <summary>What a per-grain trigger carries: the key of the grain its job wakes, stored as agency and entity id.</summary>
internal static class TriggerData
{
    /// <summary>The grain key (<c>{agency}/{id}</c>) stored in the firing trigger's data under these two names.</summary>
    public static string GrainKey(this IJobExecutionContext context, string agencyKey, string idKey)
    {
        var data = context.MergedJobDataMap;
        return GrainKeys.For(data.GetString(agencyKey)!, data.GetString(idKey)!);
    }
}
