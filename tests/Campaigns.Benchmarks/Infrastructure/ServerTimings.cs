using System.Diagnostics.Metrics;

namespace Campaigns.Benchmarks.Infrastructure;

/// <summary>
/// The fakes' own view of their requests: ASP.NET Core's <c>http.server.request.duration</c>, from the servers inside
/// this runner process (the platform fake and the media server), summed while listening. Set beside the host's
/// client-side durations, it tells time spent in the fake from time spent reaching it.
/// </summary>
public sealed class ServerTimings : IDisposable
{
    private readonly MeterListener listener = new();
    private double sum;
    private long count;

    public ServerTimings()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
        {
            lock (listener)
            {
                sum += seconds;
                count++;
            }
        });
        listener.Start();
    }

    /// <summary>Requests served so far and their total duration in milliseconds.</summary>
    public (long Count, double TotalMs) Snapshot()
    {
        lock (listener)
        {
            return (count, sum * 1000);
        }
    }

    public void Dispose() => listener.Dispose();
}
