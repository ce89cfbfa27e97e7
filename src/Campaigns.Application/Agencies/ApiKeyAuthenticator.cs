using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics.Metrics;
using Campaigns.Storage.Agencies;
using Microsoft.Extensions.Logging;

namespace Campaigns.Application.Agencies;

/// <summary>
/// Decides which agency a presented key belongs to, without a database query for most requests. A valid key is
/// trusted from memory for <see cref="TrustCachedFor"/> and then checked again, so a key revoked on any silo is
/// refused everywhere within that time (and at once on the silo that revoked it). A key no agency holds is
/// remembered as invalid for <see cref="RememberInvalidFor"/>, so repeating it costs no query; keys are random
/// 256-bit values, so no real key can be presented before it exists. Both memories are bounded. Concurrent
/// requests carrying the same unknown key share one query.
/// </summary>
public sealed class ApiKeyAuthenticator
{
    /// <summary>How long a key found valid is trusted without asking the database again.</summary>
    public static readonly TimeSpan TrustCachedFor = TimeSpan.FromSeconds(4);

    /// <summary>How long a key found invalid is refused without asking the database again.</summary>
    public static readonly TimeSpan RememberInvalidFor = TimeSpan.FromSeconds(30);

    /// <summary>A key's <c>last_used_at</c> is written at most this often per process.</summary>
    private static readonly TimeSpan RecordUseEvery = TimeSpan.FromMinutes(1);

    private const int MaxValid = 100_000, MaxInvalid = 10_000;

    private readonly ConcurrentDictionary<string, (string AgencyId, DateTimeOffset Until)> _valid = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _invalid = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<KeyCheck>> _lookups = new(StringComparer.Ordinal);
    private readonly ApiKeyStore _keys;
    private readonly TimeProvider _clock;
    private readonly ILogger<ApiKeyAuthenticator> _logger;
    private readonly Counter<long> _lookupCount;

    public ApiKeyAuthenticator(ApiKeyStore keys, TimeProvider clock, IMeterFactory meters, ILogger<ApiKeyAuthenticator> logger)
    {
        _keys = keys;
        _clock = clock;
        _logger = logger;
        _lookupCount = meters.Create(MeterName).CreateCounter<long>(LookupsInstrument, description: "API keys looked up in the database, by whether one was found");
    }

    /// <summary>The meter of authentication counters.</summary>
    public const string MeterName = "Campaigns.Auth";

    /// <summary>Counts database look-ups of keys (tag <c>found</c>: true or false).</summary>
    public const string LookupsInstrument = "campaigns.auth.key_lookups";

    /// <summary>
    /// The verdict on <paramref name="key"/>: from memory when it is known, else from the database when
    /// <paramref name="mayQueryDatabase"/> or the key was valid when last checked, else <see cref="KeyVerdict.Unchecked"/>.
    /// </summary>
    public ValueTask<KeyCheck> CheckAsync(string key, bool mayQueryDatabase, CancellationToken cancellationToken)
    {
        var hash = ApiKeys.Hash(key);
        var now = _clock.GetUtcNow();
        if (_valid.TryGetValue(hash, out var valid))
        {
            if (valid.Until > now)
            {
                return ValueTask.FromResult(KeyCheck.Valid(valid.AgencyId));
            }
            // Valid when last checked: checked again whatever the caller allows, so that an agency behind the same
            // address as someone trying made-up keys is not refused with them.
            mayQueryDatabase = true;
        }
        else if (_invalid.TryGetValue(hash, out var until) && until > now)
        {
            return ValueTask.FromResult(KeyCheck.Invalid);
        }
        return mayQueryDatabase ? new ValueTask<KeyCheck>(LookUpOnceAsync(hash).WaitAsync(cancellationToken)) : ValueTask.FromResult(KeyCheck.Unchecked);
    }

    /// <summary>Stops trusting a key at once (it was revoked through this process).</summary>
    public void Forget(string keyHash) => _valid.TryRemove(keyHash, out _);

    private async Task<KeyCheck> LookUpOnceAsync(string hash)
    {
        var mine = new TaskCompletionSource<KeyCheck>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _lookups.GetOrAdd(hash, mine.Task);
        if (running != mine.Task)
        {
            return await running;
        }
        try
        {
            mine.SetResult(await LookUpAsync(hash));
        }
        catch (Exception exception)
        {
            mine.SetException(exception);
        }
        finally
        {
            _lookups.TryRemove(KeyValuePair.Create(hash, mine.Task));
        }
        return await mine.Task;
    }

    private async Task<KeyCheck> LookUpAsync(string hash)
    {
        // Not the request's token: other requests may be waiting on this query.
        var key = await _keys.FindByHashAsync(hash, CancellationToken.None);
        _lookupCount.Add(1, new KeyValuePair<string, object?>("found", key is not null));
        var now = _clock.GetUtcNow();
        if (key is null)
        {
            _valid.TryRemove(hash, out _);
            Remember(_invalid, hash, now + RememberInvalidFor, MaxInvalid, now, until => until);
            return KeyCheck.Invalid;
        }
        Remember<(string AgencyId, DateTimeOffset Until)>(_valid, hash, (key.AgencyId, now + TrustCachedFor), MaxValid, now, entry => entry.Until);
        await RecordUseAsync(key, now);
        return KeyCheck.Valid(key.AgencyId);
    }

    /// <summary>Adds an entry, first dropping expired ones when full, and everything if that is not enough.</summary>
    private static void Remember<T>(ConcurrentDictionary<string, T> memory, string hash, T entry, int max, DateTimeOffset now, Func<T, DateTimeOffset> until)
    {
        if (memory.Count >= max)
        {
            foreach (var (expired, _) in memory.Where(e => until(e.Value) <= now))
            {
                memory.TryRemove(expired, out _);
            }
            if (memory.Count >= max)
            {
                memory.Clear();
            }
        }
        memory[hash] = entry;
    }

    /// <summary>Best effort: a key's last use is a hint for its owner, not worth failing a request over.</summary>
    private async Task RecordUseAsync(ApiKeyRecord key, DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        if (key.LastUsedAt is { } used && nowMs - used < (long)RecordUseEvery.TotalMilliseconds)
        {
            return;
        }
        try
        {
            await _keys.TouchAsync(key.AgencyId, key.Id, nowMs);
        }
        catch (Exception exception) when (exception is DbException or TimeoutException)
        {
            _logger.LogWarning(exception, "Could not record the use of key {KeyId} of agency {AgencyId}", key.Id, key.AgencyId);
        }
    }
}
