using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Campaigns.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Campaigns.Cli.Commands;

public sealed class CreateCampaignSettings : ApiSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("A JSON file with the body of POST /v1/campaigns (name, brand, timeZone, productIds, videoIds, strategy, rules).")]
    public string File { get; init; } = "";

    [CommandOption("--launch")]
    [Description("Launch the campaign once it is created: every push is planned and scheduled.")]
    public bool Launch { get; init; }
}

/// <summary><c>campaigns create</c>: creates a draft from a JSON file, optionally launches it, and prints its id.</summary>
[Description("Create a campaign from a JSON file (and --launch it); prints its id.")]
public sealed class CreateCampaignCommand : CliCommand<CreateCampaignSettings>
{
    /// <summary>Strict like the server: a misspelt field is an error here, before anything is sent.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    protected override async Task<int> RunAsync(CliEnvironment environment, CreateCampaignSettings settings, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(settings.File, cancellationToken);
        var (client, _) = settings.Connect(environment);
        var campaign = await client.CreateCampaignAsync(body, cancellationToken: cancellationToken);
        environment.Error.WriteLine($"Created campaign {campaign.Id} '{campaign.Name}' ({campaign.Status}).");
        if (settings.Launch)
        {
            campaign = await client.LaunchCampaignAsync(campaign.Id, cancellationToken: cancellationToken);
            environment.Error.WriteLine(
                $"Launched: {campaign.Progress?.Planned ?? 0} pushes planned, status {campaign.Status}. Follow it with: campaigns campaigns watch {campaign.Id}");
        }
        environment.WriteLine(campaign.Id);
        return ExitCodes.Ok;
    }

    private static async Task<CreateCampaign> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = OpenInput(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<CreateCampaign>(stream, Json, cancellationToken)
                ?? throw CliFailure.Usage($"{path}: the file holds null, not a campaign.");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            throw CliFailure.Usage($"{path} is not a campaign in JSON{where}: {FirstSentence(e.Message)}");
        }
    }

    private static string FirstSentence(string message) =>
        message.IndexOf(". ", StringComparison.Ordinal) is var end and > 0 ? message[..(end + 1)] : message;
}
