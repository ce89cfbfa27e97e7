using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Common;

namespace Campaigns.Application.Common;

/// <summary>Finds an agency's grain from a client-supplied id.</summary>
public static class EntityLookup
{
    /// <summary>The grain, or null when the id cannot be one of this kind (answered 404 without waking a grain).</summary>
    public static TGrain? Grain<TGrain>(IGrainFactory grains, string agencyId, string id, string prefix)
        where TGrain : class, IGrainWithStringKey =>
        Ids.HasShape(id, prefix) ? grains.Of<TGrain>(GrainKeys.For(agencyId, id)) : null;

    /// <summary>The refusal for something this agency does not have.</summary>
    public static Outcome<T> NotFound<T>(string what, string id) =>
        Outcome<T>.Fail(ErrorKind.NotFound, $"{what} {id} was not found.");
}
