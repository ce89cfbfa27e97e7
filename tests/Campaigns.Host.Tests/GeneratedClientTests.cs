using Campaigns.Host.Tests.Support;

namespace Campaigns.Host.Tests;

/// <summary>The committed typed client is what the generator makes of the document the real host serves today.</summary>
public sealed class GeneratedClientTests(SqliteHostFixture host) : IClassFixture<SqliteHostFixture>
{
    [Fact]
    public async Task The_committed_client_matches_the_served_document()
    {
        var json = await (await ApiClient.For(host.App, null).Get("/openapi/v1.json")).Content.ReadAsStringAsync();
        var generated = await ClientGenerator.GenerateAsync(json);
        var file = ClientGenerator.ClientFile;

        if (Environment.GetEnvironmentVariable(ClientGenerator.RegenerateVariable) == "1")
        {
            await File.WriteAllTextAsync(file, generated);
            return;
        }
        var committed = File.Exists(file) ? ClientGenerator.Normalize(await File.ReadAllTextAsync(file)) : "";
        Assert.True(committed == generated,
            $"src/Campaigns.Client/CampaignsClient.g.cs is not what the served OpenAPI document generates "
            + $"(first difference at line {FirstDifference(committed, generated)}). Regenerate with: {ClientGenerator.RegenerateCommand}");
    }

    private static int FirstDifference(string a, string b)
    {
        var left = a.Split('\n');
        var right = b.Split('\n');
        var line = 0;
        while (line < left.Length && line < right.Length && left[line] == right[line])
        {
            line++;
        }
        return line + 1;
    }
}
