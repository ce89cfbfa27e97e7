using Campaigns.Connectors.Platforms;
using Campaigns.PlatformFakes;

namespace Campaigns.Connectors.Tests.Platforms;

/// <summary>The durable store the caller keeps handles in, noting what the platform had seen at each save.</summary>
internal sealed class HandleLog(FakeServer fake)
{
    public sealed record Saved(PublishHandle? Handle, long CreatesSoFar, long UploadedSoFar);

    public List<Saved> Saves { get; } = [];

    public PublishHandle? Latest => Saves.Count == 0 ? null : Saves[^1].Handle;

    public ValueTask Save(PublishHandle? handle, CancellationToken cancellationToken)
    {
        Saves.Add(new Saved(handle, fake.Counters.Creates, fake.Counters.UploadedBytes));
        return ValueTask.CompletedTask;
    }
}
