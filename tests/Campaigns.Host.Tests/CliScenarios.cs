using System.Xml.Linq;
using Campaigns.Cli;
using Campaigns.Client;
using Campaigns.Host.Tests.Support;

namespace Campaigns.Host.Tests;

/// <summary>
/// The <c>campaigns</c> tool, run through its entry point against the real host: what an agency's script does, from a
/// CSV import to the report's chart, and what it says and returns when the input or the server says no.
/// </summary>
public sealed class CliScenarios(SqliteHostFixture host) : IClassFixture<SqliteHostFixture>, IDisposable
{
    private const string Url = "http://localhost";
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("campaigns-cli-");

    [Fact]
    public async Task A_script_imports_creates_launches_watches_and_reports_a_campaign()
    {
        var (key, client) = await AgencyAsync();
        var env = Variables(key);

        var accounts = await CliRun.RunAsync(host.App, env, ["accounts", "import", File("accounts.csv",
            "platform,handle,kind,brand,timeZone,followers,audienceTags,maxPostsPerDay,minGapMinutes\n"
            + "douyin,cli_beauty,brand,acme,Asia/Shanghai,120000,beauty:0.9;skincare:0.6,20,1\n"
            + "xiaohongshu,cli_lin,influencer,acme,Asia/Shanghai,450000,beauty:1,20,1\n")]);
        Assert.True(accounts.ExitCode == 0, accounts.ToString());
        Assert.Equal(2, accounts.OutLines.Length);
        Assert.Contains("Imported 2 accounts", accounts.Error);

        var products = await CliRun.RunAsync(host.App, env, ["products", "import", File("products.csv",
            "sku,title,priceAmount,priceCurrency,tags,hotKeywords\nCLI-SERUM,Serum,199,CNY,skincare;beauty,hydration\n")]);
        Assert.True(products.ExitCode == 0, products.ToString());
        var product = Assert.Single(products.OutLines);

        // The typed client, generated from the served document, does what the tool has no command for.
        var video = await client.CreateVideoAsync(new CreateVideo
        {
            Title = "Serum in 30 seconds", Type = "product-showcase", DurationSeconds = 30, ProductIds = [product], Tags = ["skincare"],
        });
        var startAt = DateTimeOffset.UtcNow.AddSeconds(4).ToString("O");
        var campaignFile = File("campaign.json", $$"""
            { "name": "CLI teaser", "brand": "acme", "timeZone": "Asia/Shanghai", "productIds": ["{{product}}"],
              "strategy": { "kind": "matrix", "accounts": { "ids": ["{{accounts.OutLines[0]}}", "{{accounts.OutLines[1]}}"] },
                            "videoIds": ["{{video.Id}}"], "startAt": "{{startAt}}", "staggerSeconds": 1 } }
            """);
        var created = await CliRun.RunAsync(host.App, env, ["campaigns", "create", campaignFile, "--launch"]);
        Assert.True(created.ExitCode == 0, created.ToString());
        var campaign = Assert.Single(created.OutLines);
        Assert.Contains("Launched: 2 pushes planned", created.Error);

        var watched = await CliRun.RunAsync(host.App, env, ["campaigns", "watch", campaign], deadline: TimeSpan.FromSeconds(120));
        Assert.True(watched.ExitCode == 0, watched.ToString());
        Assert.Contains(watched.OutLines, l => l.StartsWith("scheduled: 2 planned, 2 scheduled", StringComparison.Ordinal));
        Assert.Contains("completed: 2 planned, 0 scheduled, 2 published, 0 failed, 0 skipped, 0 cancelled", watched.OutLines);
        Assert.Equal($"Campaign {campaign} completed.", watched.OutLines[^1]);
        var timeline = (await client.GetCampaignTimelineAsync(campaign)).Events;
        Assert.All(timeline, e => Assert.Contains(watched.OutLines, l => l.EndsWith(e.Detail, StringComparison.Ordinal) && l.Contains(e.Type)));

        var chart = Path.Combine(_files.FullName, "report.svg");
        var report = await CliRun.RunAsync(host.App, env, ["campaigns", "report", campaign, "--svg", chart]);
        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.Contains("published", report.Out);
        Assert.Equal("svg", XDocument.Load(chart).Root!.Name.LocalName);
    }

    [Fact]
    public async Task Bad_input_gives_one_clear_line_and_a_usage_exit_code()
    {
        var (key, _) = await AgencyAsync();
        var env = Variables(key);
        var csv = File("one.csv", "platform,handle,kind,timeZone\ndouyin,one,brand,Asia/Shanghai\n");

        await AssertFails(ExitCodes.Usage, "Unknown option 'bogus'.", env, "accounts", "import", csv, "--bogus");
        await AssertFails(ExitCodes.Usage, "Unknown command 'launchh'.", env, "campaigns", "launchh");
        await AssertFails(ExitCodes.Usage, "No API key: pass --api-key or set CAMPAIGNS_API_KEY.", new Dictionary<string, string>(), "accounts", "import", csv);
        var missing = Path.Combine(_files.FullName, "missing.csv");
        await AssertFails(ExitCodes.Usage, $"Cannot read {missing}:", env, "accounts", "import", missing);
        var broken = File("broken.json", "{ \"name\": \"x\",\n  \"strategy\": { ");
        await AssertFails(ExitCodes.Usage, $"{broken} is not a campaign in JSON (line 2", env, "campaigns", "create", broken);
        var misspelt = File("misspelt.json", "{ \"name\": \"x\", \"stratgy\": {} }");
        await AssertFails(ExitCodes.Usage, $"{misspelt} is not a campaign in JSON", env, "campaigns", "create", misspelt);
    }

    [Fact]
    public async Task Refusals_show_the_problem_with_each_field_on_its_own_line()
    {
        var (key, _) = await AgencyAsync();
        var invalid = File("invalid.csv", "platform,handle,kind,timeZone\nmyspace,one,brand,Asia/Shanghai\ndouyin,two,royalty,Mars/Olympus\n");
        var run = await CliRun.RunAsync(host.App, Variables(key), ["accounts", "import", invalid]);

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.StartsWith("400 The request is invalid", run.ErrorLines[0]);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("rows[1].platform: ", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, l => l.StartsWith("rows[2].kind: ", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, l => l.StartsWith("rows[2].timeZone: ", StringComparison.Ordinal));

        var wrongKey = await CliRun.RunAsync(host.App, Variables("cmp_not_a_key"), ["campaigns", "watch", "cmp_x"]);
        Assert.Equal(ExitCodes.Refused, wrongKey.ExitCode);
        Assert.StartsWith("401 ", Assert.Single(wrongKey.ErrorLines));

        var unknown = await CliRun.RunAsync(host.App, Variables(key), ["campaigns", "report", "cmp_nope"]);
        Assert.Equal(ExitCodes.Refused, unknown.ExitCode);
        Assert.Equal("404 Not found: Campaign cmp_nope was not found.", Assert.Single(unknown.ErrorLines));
    }

    [Fact]
    public async Task A_host_nobody_listens_on_is_unreachable()
    {
        var port = FreePorts.Next();
        var run = await CliRun.RunAsync(host.App, Variables("cmp_any") , ["campaigns", "watch", "cmp_x", "--url", $"http://127.0.0.1:{port}"], realNetwork: true);
        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.StartsWith("Cannot reach the server: ", Assert.Single(run.ErrorLines));
    }

    public void Dispose() => _files.Delete(recursive: true);

    private async Task AssertFails(int exitCode, string firstLine, IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var run = await CliRun.RunAsync(host.App, env, args);
        Assert.True(run.ExitCode == exitCode, $"{string.Join(' ', args)}: {run}");
        Assert.StartsWith(firstLine, Assert.Single(run.ErrorLines));
    }

    private async Task<(string Key, CampaignsClient Client)> AgencyAsync()
    {
        var admin = CampaignsClient.Create(new Uri(Url), host.App.Settings.AdminKey!, host.App.Server.CreateHandler());
        var agency = await admin.CreateAgencyAsync(new CreateAgency { Name = "CLI Agency" });
        return (agency.ApiKey, CampaignsClient.Create(new Uri(Url), agency.ApiKey, host.App.Server.CreateHandler()));
    }

    private static Dictionary<string, string> Variables(string key) => new() { ["CAMPAIGNS_API_KEY"] = key, ["CAMPAIGNS_URL"] = Url };

    private string File(string name, string content)
    {
        var path = Path.Combine(_files.FullName, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }
}
