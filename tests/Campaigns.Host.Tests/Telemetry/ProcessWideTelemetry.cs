namespace Campaigns.Host.Tests.Telemetry;

/// <summary>
/// Tests that read a host's exported metrics run alone: OpenTelemetry subscribes to meters by name, process-wide, so a
/// host's scrape would also count the pushes of any other test host running in this process at the same time.
/// </summary>
[CollectionDefinition(nameof(ProcessWideTelemetry), DisableParallelization = true)]
public sealed class ProcessWideTelemetry;
