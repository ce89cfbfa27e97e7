using Orleans.Runtime;

namespace Campaigns.Application.Common;

/// <summary>
/// Grain references without Orleans' type resolution on every call. <c>IGrainFactory.GetGrain&lt;T&gt;(string)</c>
/// reads the interface's custom attributes and formats its type name each time it is called, which was about 6 % of
/// the host's CPU in a <c>GET /v1/accounts/{id}</c>. The grain type and interface type are the same for every key, so
/// they are taken once per interface from one ordinary reference and reused; the reference made from them is the one
/// <c>GetGrain&lt;T&gt;(key)</c> would return.
/// </summary>
public static class GrainReferences
{
    /// <summary>The grain of <typeparamref name="TGrain"/> with this key.</summary>
    public static TGrain Of<TGrain>(this IGrainFactory grains, string key) where TGrain : IGrainWithStringKey
    {
        var types = Resolved<TGrain>.Types ??= Resolve<TGrain>(grains);
        return (TGrain)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
    }

    private static GrainTypes Resolve<TGrain>(IGrainFactory grains) where TGrain : IGrainWithStringKey
    {
        // Making a reference activates nothing; it only names the grain.
        var sample = (GrainReference)(object)grains.GetGrain<TGrain>("type/probe");
        return new GrainTypes(sample.GrainId.Type, sample.InterfaceType);
    }

    /// <summary>A class, so a reader sees both types or none (a struct field could be read half-written).</summary>
    private sealed record GrainTypes(GrainType Grain, GrainInterfaceType Interface);

    private static class Resolved<TGrain>
    {
        public static GrainTypes? Types;
    }
}
