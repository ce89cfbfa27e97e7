using System.Diagnostics.Metrics;
using Campaigns.Storage.Accounts;
using Microsoft.Extensions.Logging;

namespace Campaigns.Storage.Telemetry;

/// <summary>
/// Accounts by platform and credential status (<c>connected</c>, <c>needs-reauth</c>, <c>not-connected</c>), across
/// agencies: the figure behind the "credentials needing re-authorization" alert. Counted by one grouped query at most
/// once per <see cref="MaxAge"/>, started by an observation (a scrape or an export), so nothing queries when no one
/// collects; an observation answers the last counts while a newer count runs. Sandbox and webhook accounts carry no
/// credential and are not counted.
/// </summary>
public sealed class CredentialGauge
{
    public const string Instrument = "campaigns.credentials";

    /// <summary>How old the counts may be before an observation starts a new count.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly AccountStore _accounts;
    private readonly TimeProvider _clock;
    private readonly ILogger<CredentialGauge> _logger;
    private IReadOnlyList<Measurement<long>> _last = [];
    /// <summary>The timestamp of the last count; 0 before the first.</summary>
    private long _countedAt;
    private int _counting;

    public CredentialGauge(IMeterFactory meters, AccountStore accounts, TimeProvider clock, ILogger<CredentialGauge> logger)
    {
        _accounts = accounts;
        _clock = clock;
        _logger = logger;
        meters.Create(StorageMetrics.MeterName).CreateObservableGauge(
            Instrument, Observe, "{account}", "Accounts with a platform connector, by platform and credential status");
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        var countedAt = Interlocked.Read(ref _countedAt);
        if ((countedAt == 0 || _clock.GetElapsedTime(countedAt) > MaxAge) && Interlocked.Exchange(ref _counting, 1) == 0)
        {
            _ = CountAsync();
        }
        return Volatile.Read(ref _last);
    }

    private async Task CountAsync()
    {
        try
        {
            var counts = await _accounts.CountCredentialsAsync();
            Volatile.Write(ref _last, counts
                .Select(c => new Measurement<long>(c.Count, new KeyValuePair<string, object?>("platform", c.Platform), new("status", c.Status)))
                .ToList());
            Interlocked.Exchange(ref _countedAt, _clock.GetTimestamp());
        }
        catch (Exception ex)
        {
            // The gauge keeps its last counts; the next observation tries again.
            _logger.LogWarning(ex, "Could not count accounts by credential status");
        }
        finally
        {
            Volatile.Write(ref _counting, 0);
        }
    }
}
