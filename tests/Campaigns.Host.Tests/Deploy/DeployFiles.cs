using System.Text.RegularExpressions;

namespace Campaigns.Host.Tests.Deploy;

/// <summary>The files under <c>deploy/</c> of this checkout, and what the Dockerfile says.</summary>
public static partial class DeployFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string DeployDirectory => Path.Combine(RepositoryRoot, "deploy");
    public static string ComposeFile => Path.Combine(DeployDirectory, "compose.yaml");
    public static string KubernetesDirectory => Path.Combine(DeployDirectory, "k8s");
    public static string Dockerfile => Path.Combine(DeployDirectory, "Dockerfile");
    public static string HostSettingsFile => Path.Combine(RepositoryRoot, "src", "Campaigns.Host", "appsettings.json");

    /// <summary>Every <c>ENV</c> of the Dockerfile's final stage, with line continuations joined.</summary>
    public static IReadOnlyDictionary<string, string> DockerfileEnvironment()
    {
        var environment = new Dictionary<string, string>();
        foreach (var instruction in FinalStageInstructions().Where(i => i.StartsWith("ENV ", StringComparison.Ordinal)))
        {
            foreach (Match pair in EnvPair().Matches(instruction[4..]))
            {
                environment[pair.Groups[1].Value] = pair.Groups[2].Value;
            }
        }
        return environment;
    }

    /// <summary>The ports of the final stage's <c>EXPOSE</c> instructions.</summary>
    public static IReadOnlySet<int> DockerfileExposedPorts() =>
        FinalStageInstructions()
            .Where(i => i.StartsWith("EXPOSE ", StringComparison.Ordinal))
            .SelectMany(i => i[7..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => int.Parse(p.Split('/')[0]))
            .ToHashSet();

    /// <summary>The image name in the build command the Dockerfile documents (<c>docker build … -t NAME</c>).</summary>
    public static string DockerfileDocumentedTag() =>
        BuildTag().Match(File.ReadAllText(Dockerfile)) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("deploy/Dockerfile documents no `docker build … -t NAME` command.");

    private static IEnumerable<string> FinalStageInstructions()
    {
        var joined = Regex.Replace(File.ReadAllText(Dockerfile), @"\\\r?\n\s*", " ");
        var lines = joined.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var lastFrom = lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal));
        return lines.Skip(lastFrom + 1);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "deploy", "compose.yaml")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No deploy/compose.yaml above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=(""[^""]*""|\S+)")]
    private static partial Regex EnvPair();

    [GeneratedRegex(@"docker build .*-t (\S+)")]
    private static partial Regex BuildTag();
}
