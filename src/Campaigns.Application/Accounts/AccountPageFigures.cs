using Campaigns.Storage;
using Campaigns.Storage.Accounts;
using Campaigns.Storage.Reports;

namespace Campaigns.Application.Accounts;

/// <summary>
/// An account's engagement stats and settled credit balance for <c>GET /v1/accounts/{id}</c>, read together in one
/// round trip and shared by concurrent reads of the same agency (<see cref="BatchedReads{TResult}"/>): never older
/// than the request, however many clients poll.
/// </summary>
public sealed class AccountPageFigures(RollupStore rollups)
{
    private static readonly AccountFigures None = new(null, 0);

    private readonly BatchedReads<AccountFigures> _reads = new(
        (agencyId, ids) => rollups.AccountFiguresAsync(agencyId, ids, CancellationToken.None), None);

    public Task<AccountFigures> ReadAsync(string agencyId, string accountId, CancellationToken cancellationToken) =>
        _reads.ReadAsync(agencyId, accountId, cancellationToken);
}
