using System.Diagnostics.Metrics;
using Campaigns.Application.Agencies;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// Counts the database look-ups of API keys one host makes: its <c>campaigns.auth.key_lookups</c> counter, told
/// apart from other hosts in the process by the host's own meter factory.
/// </summary>
public sealed class KeyLookups : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public KeyLookups(CampaignsApp app)
    {
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Meter.Name == ApiKeyAuthenticator.MeterName
                && instrument.Name == ApiKeyAuthenticator.LookupsInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
        _listener.Start();
    }

    /// <summary>Look-ups since this listener started.</summary>
    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
