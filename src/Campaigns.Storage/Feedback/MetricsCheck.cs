using Campaigns.Storage.Pushes;

namespace Campaigns.Storage.Feedback;

/// <summary>
/// What a checked write (<see cref="MetricsStore.RecordCheckedAsync"/>) did with one snapshot.
/// </summary>
/// <param name="Push">
/// The push as the snapshot was judged against it, under the write's lock: its status, publish instant and latest
/// snapshot, the latest being the one an earlier snapshot of the same batch made when there was one. Null when the
/// push does not exist.
/// </param>
/// <param name="Accepted">The rules took it: it is kept in the history.</param>
/// <param name="Applied">It became its push's latest snapshot.</param>
public sealed record MetricsCheck(PushRow? Push, bool Accepted, bool Applied);
