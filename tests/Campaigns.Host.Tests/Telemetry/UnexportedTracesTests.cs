using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace Campaigns.Host.Tests.Telemetry;

/// <summary>
/// A host with no OTLP endpoint exports no spans, so it records none; its logs must still carry the trace id a client
/// sent, down to a line written inside a grain call, and its problem details must name it. Runs alone: activity
/// listeners are process-wide, and another test host that records every span would record this one's too.
/// </summary>
[Collection(nameof(ProcessWideTelemetry))]
public sealed class UnexportedTracesTests(UnexportedTracesTests.LogCapturingHost host) : IClassFixture<UnexportedTracesTests.LogCapturingHost>
{
    // Fails without `t.SetSampler(new AlwaysOffSampler())` in TelemetryServices (the SDK's default sampler follows the
    // client's sampled flag and records the span), and without TraceParentCarry (the grain's side starts a trace of its own).
    [Fact]
    public async Task A_grain_log_carries_the_clients_trace_id_though_no_span_is_recorded()
    {
        var tenant = await Tenant.Create(host.App);
        var traceId = ActivityTraceId.CreateRandom();
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/accounts") { Content = JsonContent.Create(Tenant.AccountBody("trace_" + Guid.NewGuid().ToString("N")[..8])) };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var response = await tenant.Client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var accountId = (await ApiClient.Json(response))["id"]!.GetValue<string>();

        var created = Assert.Single(host.Logs.Snapshot(), l => l.FormattedMessage?.Contains($"Account {accountId} created", StringComparison.Ordinal) == true);
        Assert.StartsWith("Campaigns.Grains", created.CategoryName, StringComparison.Ordinal);
        Assert.Equal(traceId.ToHexString(), ScopeValue(created, "TraceId"));
        Assert.Equal(traceId, created.TraceId);
        Assert.False(created.TraceFlags.HasFlag(ActivityTraceFlags.Recorded), "the grain call's activity was recorded with nothing to export it");
    }

    [Fact]
    public async Task A_problem_names_the_clients_trace_id()
    {
        var tenant = await Tenant.Create(host.App);
        var traceId = ActivityTraceId.CreateRandom();
        var body = Tenant.AccountBody("trace_" + Guid.NewGuid().ToString("N")[..8]);
        body["platform"] = "nowhere";
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/accounts") { Content = JsonContent.Create(body) };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var response = await tenant.Client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(traceId.ToHexString(), (await ApiClient.Json(response))["traceId"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static string? ScopeValue(LogRecord log, string key)
    {
        string? found = null;
        log.ForEachScope((scope, _) =>
        {
            foreach (var pair in scope)
            {
                if (pair.Key == key)
                {
                    found ??= pair.Value?.ToString();
                }
            }
        }, (object?)null);
        return found;
    }

    /// <summary>The default telemetry (no OTLP endpoint, no exporter of spans) with only the log records captured.</summary>
    public sealed class LogCapturingHost : HostFixture
    {
        private readonly TempSqliteDatabase _database = new();

        public Captured<LogRecord> Logs { get; } = new();

        protected override Task<HostSettings?> CreateSettingsAsync() => Task.FromResult<HostSettings?>(
            HostSettings.Sqlite(_database.Directory) with
            {
                Services = services => services.AddOpenTelemetry().WithLogging(l => l.AddInMemoryExporter(Logs), o =>
                {
                    o.IncludeScopes = true;
                    o.IncludeFormattedMessage = true;
                }),
                Overrides = new Dictionary<string, string>
                {
                    ["Logging:LogLevel:Campaigns.Grains.Accounts"] = "Debug",
                    ["Campaigns:Sandbox:FeedSeconds"] = "0",
                },
            });

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            _database.Dispose();
        }
    }
}
