namespace Campaigns.Storage.Reports;

/// <summary>
/// Told, after the commit and before the write is answered, that what an agency's account pages show may have changed:
/// pushes were added (their count), a push became published, a push's latest engagement changed, or credits were
/// settled — everything <see cref="RollupStore.AccountFiguresAsync"/> sums. The account page keeps its figures between
/// such changes (Application's <c>AccountPageFigures</c>); a write that skipped this call would leave it showing the
/// figures from before the write.
/// </summary>
public interface IAccountFiguresChanged
{
    /// <summary>Marks the figures of these agencies' accounts as changed; completes once later reads see the mark.</summary>
    Task ChangedAsync(IReadOnlyCollection<string> agencyIds);
}

/// <summary>Calls the listener, when the host has one (storage used on its own has none), for the agencies named.</summary>
public static class AccountFiguresChangedExtensions
{
    public static Task AfterCommitAsync(this IAccountFiguresChanged? listener, IEnumerable<string> agencyIds)
    {
        if (listener is null)
        {
            return Task.CompletedTask;
        }
        var agencies = agencyIds.Distinct(StringComparer.Ordinal).ToList();
        return agencies.Count == 0 ? Task.CompletedTask : listener.ChangedAsync(agencies);
    }
}
