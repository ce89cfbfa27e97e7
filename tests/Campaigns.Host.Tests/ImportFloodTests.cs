using System.Diagnostics;
using System.Net;
using Campaigns.Host.Tests.Support;
using Xunit.Abstractions;

namespace Campaigns.Host.Tests;

/// <summary>
/// An import of two million lines through a real Kestrel port: the server stops reading one row past the limit (or at
/// the byte limit), answers at once, and imports nothing. The time and the lines sent are written to the test output.
/// </summary>
public sealed class ImportFloodTests(ImportFloodTests.Host host, ITestOutputHelper output) : IClassFixture<ImportFloodTests.Host>
{
    public sealed class Host : SqliteHostFixture
    {
        protected override bool Kestrel => true;
    }

    [Theory]
    [InlineData("/v1/accounts", "text/csv")]
    [InlineData("/v1/products", "application/x-ndjson")]
    public async Task Two_million_lines_are_refused_after_the_ten_thousand_and_first_row_and_nothing_is_imported(string resource, string mediaType)
    {
        var tenant = await Tenant.Create(host.App);
        var lines = mediaType == "text/csv"
            ? new GeneratedLines("platform,handle,kind,timeZone", i => $"douyin,h{i},brand,Asia/Shanghai", 2_000_000, mediaType)
            : new GeneratedLines(null, i => "{\"sku\":\"s" + i + "\",\"title\":\"t\",\"price\":{\"amount\":1,\"currency\":\"CNY\"}}", 2_000_000, mediaType);
        var allocated = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();

        var (status, text) = await RawUpload.PostAsync(tenant.Client.Http.BaseAddress!, $"{resource}/import", tenant.ApiKey, lines);

        clock.Stop();
        output.WriteLine($"{resource}/import, 2,000,000 {mediaType} lines: {(int)status} in {clock.ElapsedMilliseconds} ms; "
            + $"{lines.Sent:N0} lines sent before the server stopped reading; {(GC.GetTotalAllocatedBytes() - allocated) / 1024 / 1024} MiB allocated in the test process");
        Assert.True(lines.Sent < 2_000_000, $"{lines.Sent} lines were sent");
        // Reading the body whole before counting rows (ImportEndpoint's ReadToEndAsync before the streaming readers)
        // reads on to the 16 MiB limit and answers 413 instead.
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("At most 10000 rows", System.Text.Json.Nodes.JsonNode.Parse(text)!["errors"]!["rows"]![0]!.GetValue<string>());
        Assert.Empty((await ApiClient.Json(await tenant.Client.Get(resource)))["items"]!.AsArray());
    }
}
