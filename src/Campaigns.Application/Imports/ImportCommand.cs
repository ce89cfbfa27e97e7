using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Common;
using Mediator;

namespace Campaigns.Application.Imports;

/// <summary>
/// Create many items at once from a file: all of them or, when any row is invalid, none. Ids follow the file's
/// row order.
/// </summary>
public abstract record ImportCommand<TRequest>(string AgencyId, ImportFormat Format, IReadOnlyList<ImportRow<TRequest>> Rows)
    : ICommand<Outcome<ImportResult>>
    where TRequest : class
{
    /// <summary>The most rows one request may carry.</summary>
    public const int MaxRows = 10_000;

    /// <summary>The most errors listed in a 400; the rest are counted.</summary>
    public const int MaxListedErrors = 1_000;

    /// <summary>
    /// One fresh id per row. Ids sort by creation time; sorting a fresh batch and handing them out in row order makes
    /// lists (ordered by id) show the file's order.
    /// </summary>
    public IReadOnlyList<string> NewIds(string prefix, TimeProvider clock) =>
        Enumerable.Range(0, Rows.Count).Select(_ => Ids.New(prefix, clock)).Order(StringComparer.Ordinal).ToList();
}

/// <summary>The result of an import: how many items were created and their ids, in the file's row order.</summary>
public sealed record ImportResult(int Imported, IReadOnlyList<string> Ids);
