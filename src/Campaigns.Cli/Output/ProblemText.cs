using System.Text.Json;
using Campaigns.Client;

namespace Campaigns.Cli.Output;

/// <summary>A server's refusal in lines a person reads: status, title and detail, then each field at fault on its own line.</summary>
public static class ProblemText
{
    public static IEnumerable<string> Lines(CampaignsApiException refused)
    {
        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(refused.Response ?? "").RootElement;
        }
        catch (JsonException)
        {
            return [$"The server answered {refused.StatusCode}{(string.IsNullOrWhiteSpace(refused.Response) ? "." : ": " + Shorten(refused.Response))}"];
        }
        var title = Text(problem, "title") ?? "Refused";
        var detail = Text(problem, "detail");
        var lines = new List<string> { $"{refused.StatusCode} {title}{(detail is null ? "" : ": " + detail)}" };
        if (problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errors.EnumerateObject())
            {
                var messages = field.Value.ValueKind == JsonValueKind.Array
                    ? field.Value.EnumerateArray().Select(m => m.ToString())
                    : [field.Value.ToString()];
                lines.AddRange(messages.Select(message => $"  {field.Name}: {message}"));
            }
        }
        return lines;
    }

    private static string? Text(JsonElement problem, string name) =>
        problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string Shorten(string text) => text.Length <= 200 ? text.Trim() : text[..200].Trim() + "…";
}
