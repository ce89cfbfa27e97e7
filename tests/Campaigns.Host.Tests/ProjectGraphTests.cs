using System.Xml.Linq;
using Campaigns.Host.Tests.Deploy;

namespace Campaigns.Host.Tests;

/// <summary>
/// The project references of src/ and grains/ are the ones docs/architecture.md draws ("The project graph, as built"):
/// adding or removing one fails here until the picture and this table change together.
/// </summary>
public sealed class ProjectGraphTests
{
    private static readonly Dictionary<string, string[]> Drawn = new()
    {
        ["Campaigns.Host"] = ["Campaigns.Gateway", "Campaigns.Grains", "Campaigns.Sandbox"],
        ["Campaigns.Gateway"] = ["Campaigns.Application"],
        ["Campaigns.Application"] = ["Campaigns.Connectors", "Campaigns.Grains.Abstractions", "Campaigns.Scheduling", "Campaigns.Storage"],
        ["Campaigns.Grains"] = ["Campaigns.Connectors", "Campaigns.Grains.Abstractions", "Campaigns.Scheduling", "Campaigns.Storage"],
        ["Campaigns.Grains.Abstractions"] = ["Campaigns.Domain"],
        ["Campaigns.Scheduling"] = ["Campaigns.Grains.Abstractions", "Campaigns.Storage"],
        ["Campaigns.Connectors"] = ["Campaigns.Domain"],
        ["Campaigns.Sandbox"] = ["Campaigns.Connectors", "Campaigns.Grains", "Campaigns.Scheduling"],
        ["Campaigns.Storage"] = ["Campaigns.Domain"],
        ["Campaigns.Domain"] = [],
        ["Campaigns.Cli"] = ["Campaigns.Client"],
        ["Campaigns.Client"] = [],
    };

    [Fact]
    public void Every_project_references_exactly_what_the_architecture_draws()
    {
        var actual = new[] { "src", "grains" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(DeployFiles.RepositoryRoot, folder), "*.csproj", SearchOption.AllDirectories))
            .ToDictionary(Path.GetFileNameWithoutExtension, References);

        Assert.Equal(Drawn.Keys.Order(), actual.Keys.Order()!);
        Assert.All(Drawn, project => Assert.Equal(project.Value.Order(), actual[project.Key].Order()));
    }

    private static string[] References(string projectFile) =>
        XDocument.Load(projectFile).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToArray();
}
