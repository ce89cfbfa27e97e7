using Campaigns.Gateway.Auth;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Campaigns.Host.Telemetry;

/// <summary>
/// OpenTelemetry for the host: traces from HTTP through grain calls, Quartz jobs, connector HTTP and Npgsql; metrics
/// from Orleans, Quartz, ASP.NET Core, HttpClient, Npgsql, the runtime and our own meters. OTLP export when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; a Prometheus scrape endpoint by configuration. Spans are recorded only
/// when OTLP exports them. Logs carry the trace and span ids of the activity they were written in, either way.
/// </summary>
public static class TelemetryServices
{
    /// <summary>The standard variable that switches OTLP export on (traces, metrics and logs).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(TelemetryOptions.Section);
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        builder.Services.Configure<TelemetryOptions>(section);
        ConfigureLogs(builder.Logging, options);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]);

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(CampaignsTelemetry.ServiceName, serviceInstanceId: $"{Environment.MachineName}/{Environment.ProcessId}"))
            .WithTracing(t =>
            {
                if (!otlp)
                {
                    // Nothing exports spans, so none is recorded: no tags, events or timings are gathered. The request's
                    // activity still exists (propagation only), so its trace id reaches logs, problem details and, by
                    // TraceParentCarry, grain calls. With an endpoint the SDK's default (or OTEL_TRACES_SAMPLER) decides.
                    t.SetSampler(new AlwaysOffSampler());
                }
                t.AddSource(CampaignsTelemetry.Wildcard)
                    .AddSource(CampaignsTelemetry.OrleansSources)
                    .AddSource(Quartz.Diagnostics.QuartzInstrumentation.ActivitySourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsPlumbing(context.Request.Path, options))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
            })
            .WithMetrics(m =>
            {
                m.AddMeter(CampaignsTelemetry.Wildcard, CampaignsTelemetry.OrleansMeter, Quartz.Diagnostics.QuartzInstrumentation.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (options.Prometheus)
                {
                    m.AddPrometheusExporter();
                }
            });
        if (otlp)
        {
            otel.WithLogging().UseOtlpExporter();
        }
        return builder;
    }

    /// <summary>Serves the scrape endpoint, when configured, behind the admin key.</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var options = app.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        // Observable instruments exist once their owner is built; nothing else asks for this one.
        app.Services.GetRequiredService<Campaigns.Storage.Telemetry.CredentialGauge>();
        if (options.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(options.PrometheusPath)
                .RequireAuthorization(AuthNames.AdminPolicy)
                .ExcludeFromDescription();
        }
        return app;
    }

    private static void ConfigureLogs(ILoggingBuilder logging, TelemetryOptions options)
    {
        // Trace and span ids become a scope of every log written inside an activity; the formatters print scopes.
        logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (options.JsonLogs)
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
            logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.FormatterName = "json");
        }
        else
        {
            logging.AddSimpleConsole(o => o.IncludeScopes = true);
        }
    }

    /// <summary>Probes and scrapes, which would drown the traces that matter.</summary>
    private static bool IsPlumbing(PathString path, TelemetryOptions options) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(options.PrometheusPath);
}
