using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// What a host exports, captured with OpenTelemetry's in-memory exporters next to its own: spans, metric points and
/// log records (with their scopes), flattened to the text an exporter would send.
/// </summary>
public sealed class ExportedTelemetry
{
    public Captured<Activity> Spans { get; } = new();
    public Captured<MetricSnapshot> Metrics { get; } = new();
    public Captured<LogRecord> Logs { get; } = new();

    /// <summary>
    /// Adds the in-memory exporters to the host's providers (for <see cref="HostSettings.Services"/>), and records
    /// spans as a host with an OTLP endpoint does (the SDK's default sampler; without an endpoint the host records none).
    /// </summary>
    public void AddTo(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(t => t.SetSampler(new ParentBasedSampler(new AlwaysOnSampler())).AddInMemoryExporter(Spans));
        services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(Metrics));
        services.AddOpenTelemetry().WithLogging(l => l.AddInMemoryExporter(Logs), o =>
        {
            o.IncludeScopes = true;
            o.IncludeFormattedMessage = true;
        });
    }

    /// <summary>Exports the metrics collected so far (the in-memory metric reader otherwise exports once a minute).</summary>
    public static void Flush(IServiceProvider services)
    {
        services.GetRequiredService<MeterProvider>().ForceFlush();
        services.GetRequiredService<TracerProvider>().ForceFlush();
    }

    /// <summary>Every name, tag, event, attribute, scope and message exported, each with where it was found.</summary>
    public IEnumerable<(string Where, string Text)> Texts() =>
        Spans.Snapshot().SelectMany(SpanTexts).Concat(Metrics.Snapshot().SelectMany(MetricTexts)).Concat(Logs.Snapshot().SelectMany(LogTexts));

    private static IEnumerable<(string, string)> SpanTexts(Activity span)
    {
        var where = $"span '{span.DisplayName}'";
        var texts = new List<string?> { span.DisplayName, span.OperationName, span.StatusDescription };
        texts.AddRange(Pairs(span.TagObjects));
        texts.AddRange(span.Baggage.SelectMany(b => new[] { b.Key, b.Value }));
        foreach (var e in span.Events)
        {
            texts.Add(e.Name);
            texts.AddRange(Pairs(e.Tags));
        }
        foreach (var link in span.Links)
        {
            texts.AddRange(Pairs(link.Tags ?? []));
        }
        return texts.OfType<string>().Select(t => (where, t));
    }

    private static IEnumerable<(string, string)> MetricTexts(MetricSnapshot metric)
    {
        var where = $"metric '{metric.Name}'";
        var texts = new List<string?> { metric.Name, metric.Description, metric.Unit, metric.MeterName };
        foreach (var point in metric.MetricPoints)
        {
            foreach (var tag in point.Tags)
            {
                texts.Add(tag.Key);
                texts.Add(tag.Value?.ToString());
            }
        }
        return texts.OfType<string>().Select(t => (where, t));
    }

    private static IEnumerable<(string, string)> LogTexts(LogRecord log)
    {
        var where = $"log '{log.CategoryName}' {log.EventId}";
        var texts = new List<string?> { log.CategoryName, log.FormattedMessage, log.Body, log.EventId.Name, log.Exception?.ToString() };
        texts.AddRange(Pairs(log.Attributes ?? []));
        log.ForEachScope((scope, list) =>
        {
            list.Add(scope.Scope?.ToString());
            foreach (var pair in scope)
            {
                list.Add(pair.Key);
                list.Add(pair.Value?.ToString());
            }
        }, texts);
        return texts.OfType<string>().Select(t => (where, t));
    }

    private static IEnumerable<string?> Pairs(IEnumerable<KeyValuePair<string, object?>> pairs) =>
        pairs.SelectMany(p => new[] { p.Key, p.Value?.ToString() });
}
