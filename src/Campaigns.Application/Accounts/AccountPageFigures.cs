using System.Collections.Concurrent;
using Campaigns.Storage;
using Campaigns.Storage.Accounts;
using Campaigns.Storage.Reports;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Accounts;

/// <summary>
/// An account's engagement stats and settled credit balance for <c>GET /v1/accounts/{id}</c>, never older than the
/// request. Figures read from the database are kept under the agency's figures version
/// (<see cref="AccountFiguresVersions"/>), which every write that changes them advances after its commit and before it
/// is answered; a read whose version is still the one its kept figures were read under is answered from memory, any
/// other read queries. The version is taken before the query starts, so figures kept under version v reflect every
/// write that advanced the version to v or earlier. Queries are shared by concurrent reads of the same agency
/// (<see cref="BatchedReads{TResult}"/>): one round trip answers them all.
/// </summary>
public sealed class AccountPageFigures
{
    /// <summary>Accounts kept per agency at most; beyond it reads of other accounts query each time.</summary>
    public const int MaxAccountsPerAgency = 10_000;

    private static readonly AccountFigures None = new(null, 0);

    private readonly ConcurrentDictionary<string, KeptFigures> _kept = new(StringComparer.Ordinal);
    private readonly AccountFiguresVersions _versions;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _maxAge;
    private readonly BatchedReads<AccountFigures> _reads;

    public AccountPageFigures(RollupStore rollups, AccountFiguresVersions versions, TimeProvider clock, IOptions<AccountPageOptions> options)
    {
        _versions = versions;
        _clock = clock;
        // The bound on staleness when a writer died between its commit and advancing the version (AccountPageOptions).
        _maxAge = TimeSpan.FromMilliseconds(options.Value.FiguresMaxAgeMilliseconds);
        _reads = new((agencyId, ids) => rollups.AccountFiguresAsync(agencyId, ids, CancellationToken.None), None);
    }

    public async Task<AccountFigures> ReadAsync(string agencyId, string accountId, CancellationToken cancellationToken)
    {
        var version = await _versions.CurrentAsync(agencyId).WaitAsync(cancellationToken);
        var now = _clock.GetTimestamp();
        if (_kept.TryGetValue(agencyId, out var kept) && kept.Version == version
            && kept.Accounts.TryGetValue(accountId, out var figures) && _clock.GetElapsedTime(figures.ReadAt, now) < _maxAge)
        {
            return figures.Figures;
        }
        // Taken after the version was read, so what it returns reflects every write that advanced it there.
        var read = await _reads.ReadAsync(agencyId, accountId, cancellationToken);
        Keep(agencyId, version, accountId, new Kept(read, now));
        return read;
    }

    private void Keep(string agencyId, long version, string accountId, Kept figures)
    {
        // Figures of an older version are dropped with it, so an agency's accounts are kept for one version at a time.
        var kept = _kept.AddOrUpdate(agencyId,
            static (_, v) => new KeptFigures(v), static (_, existing, v) => existing.Version == v ? existing : new KeptFigures(v), version);
        if (kept.Version == version && (kept.Accounts.Count < MaxAccountsPerAgency || kept.Accounts.ContainsKey(accountId)))
        {
            kept.Accounts[accountId] = figures;
        }
    }

    /// <summary>Figures read from the database, and when that read started (a <see cref="TimeProvider"/> timestamp).</summary>
    private readonly record struct Kept(AccountFigures Figures, long ReadAt);

    /// <summary>One agency's kept figures, all read under <see cref="Version"/>.</summary>
    private sealed class KeptFigures(long version)
    {
        public long Version { get; } = version;

        public ConcurrentDictionary<string, Kept> Accounts { get; } = new(StringComparer.Ordinal);
    }
}
