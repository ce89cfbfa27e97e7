using System.Collections.Concurrent;
using Campaigns.Storage.Idempotency;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Campaigns.Application.Idempotency;

/// <summary>
/// Writes to an Idempotency-Key's record that failed because the database went down, tried again every
/// <see cref="RetryEvery"/> until they land. A command that ran is answered with its own result even when that answer
/// could not be stored; it is stored here once the database is back, so a retry then replays it, rather than waiting
/// out the in-flight window and running the command a second time. A key whose failed request could not release it
/// is released here, so the client's retry is not told "in progress" for minutes. Both writes are fenced by the
/// claim's token: one that lands late (the key taken over, or its first write did commit after all) changes nothing.
/// Kept in memory: a crash loses them, and such a key frees itself after <see cref="IdempotencyStore.AbandonedAfter"/>
/// as after any crash.
/// </summary>
public sealed partial class PendingIdempotencyWrites(IdempotentRequests requests, TimeProvider clock, ILogger<PendingIdempotencyWrites> logger)
    : BackgroundService
{
    /// <summary>Writes kept at most; beyond it a key is left to free itself, as after a crash.</summary>
    public const int MaxPending = 10_000;

    /// <summary>How often pending writes are tried again.</summary>
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    private readonly ConcurrentQueue<Pending> _pending = new();

    /// <summary>How many writes are waiting for the database.</summary>
    public int Count => _pending.Count;

    /// <summary>Stores <paramref name="response"/> as the answer of <paramref name="ticket"/>'s key once the database answers.</summary>
    public void Complete(IdempotencyTicket ticket, RecordedResponse response) => Add(new Pending(ticket, response, clock.GetUtcNow()));

    /// <summary>Releases <paramref name="ticket"/>'s key once the database answers.</summary>
    public void Release(IdempotencyTicket ticket) => Add(new Pending(ticket, null, clock.GetUtcNow()));

    /// <summary>
    /// One pass, oldest first, until a write fails: the database is still down, and the rest wait for the next pass.
    /// </summary>
    public async Task FlushAsync()
    {
        var batch = new List<Pending>();
        for (var count = _pending.Count; batch.Count < count && _pending.TryDequeue(out var write);)
        {
            batch.Add(write);
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (await TryWriteAsync(batch[i]))
            {
                continue;
            }
            // A key older than the retention is purged by now: nothing is left to write for it.
            foreach (var waiting in batch.Skip(i).Where(w => clock.GetUtcNow() - w.Since < IdempotencyStore.Retention))
            {
                _pending.Enqueue(waiting);
            }
            return;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RetryEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!_pending.IsEmpty)
            {
                await FlushAsync();
            }
        }
    }

    private void Add(Pending write)
    {
        if (_pending.Count >= MaxPending)
        {
            LogDropped(logger, write.Ticket.Key, write.Ticket.Scope, MaxPending);
            return;
        }
        _pending.Enqueue(write);
        LogDeferred(logger, write.Kind, write.Ticket.Key, write.Ticket.Scope);
    }

    private async Task<bool> TryWriteAsync(Pending write)
    {
        try
        {
            // False means fenced off: taken over, or the first attempt did commit. Either way there is nothing left to do.
            var written = write.Response is { } response ? await requests.CompleteAsync(write.Ticket, response) : await requests.ReleaseAsync(write.Ticket);
            LogWritten(logger, write.Kind, write.Ticket.Key, write.Ticket.Scope, written, (clock.GetUtcNow() - write.Since).TotalSeconds);
            return true;
        }
        catch (Exception ex)
        {
            LogStillFailing(logger, ex, write.Kind, write.Ticket.Key);
            return false;
        }
    }

    private sealed record Pending(IdempotencyTicket Ticket, RecordedResponse? Response, DateTimeOffset Since)
    {
        public string Kind => Response is null ? "release" : "answer";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Kind} of Idempotency-Key {Key} of {Scope} could not be written (storage unavailable); trying again until it is")]
    private static partial void LogDeferred(ILogger logger, string kind, string key, string scope);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Kind} of Idempotency-Key {Key} of {Scope} written late (applied: {Written}) after {Seconds:0.0} s")]
    private static partial void LogWritten(ILogger logger, string kind, string key, string scope, bool written, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The {Kind} of Idempotency-Key {Key} still cannot be written")]
    private static partial void LogStillFailing(ILogger logger, Exception exception, string kind, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Idempotency-Key {Key} of {Scope} left to free itself: {Max} writes already wait for the database")]
    private static partial void LogDropped(ILogger logger, string key, string scope, int max);
}
