using System.Text.RegularExpressions;

namespace Campaigns.Host.Tests.Deploy;

/// <summary><c>deploy/compose.yaml</c>, with anchors and merge keys applied as compose applies them.</summary>
public static partial class ComposeModel
{
    private static readonly Lazy<object?> Document = new(() => Yaml.Documents(DeployFiles.ComposeFile).Single());

    public static IReadOnlyDictionary<string, object?> Services => Yaml.Map(Yaml.At(Document.Value, "services"));

    /// <summary>The services built from deploy/Dockerfile: the silos.</summary>
    public static IReadOnlyList<KeyValuePair<string, object?>> Silos =>
        Services.Where(s => BuildsTheImage(s.Value)).ToList();

    public static string? Image(object? service) => Yaml.Text(service, "image");

    /// <summary>A service's environment; compose's map form is the one this file uses.</summary>
    public static IReadOnlyDictionary<string, string> Environment(object? service)
    {
        var environment = Yaml.At(service, "environment");
        Assert.True(environment is null or IDictionary<object, object?>, "compose environments should be maps (NAME: value)");
        return Yaml.Strings(environment);
    }

    /// <summary>The container side of each published port (<c>"5081:5080"</c> → 5080).</summary>
    public static IReadOnlyList<int> PublishedContainerPorts(object? service) =>
        Yaml.List(Yaml.At(service, "ports"))
            .Select(p => p is string text
                ? int.Parse(text.Split(':')[^1].Split('/')[0])
                : int.Parse(Yaml.Text(p, "target") ?? throw new InvalidOperationException("a long-form port needs a target")))
            .ToList();

    /// <summary>The port and path the healthcheck command asks, whether by URL or by bash's /dev/tcp.</summary>
    public static (int Port, string Path) HealthcheckRequest(object? service)
    {
        var command = string.Join(' ', Yaml.List(Yaml.At(service, "healthcheck.test")).OfType<string>());
        if (HttpUrl().Match(command) is { Success: true } url)
        {
            return (int.Parse(url.Groups[1].Value), url.Groups[2].Value);
        }
        var tcp = DevTcp().Match(command);
        var get = HttpGet().Match(command);
        Assert.True(tcp.Success && get.Success, $"cannot tell what the healthcheck asks: {command}");
        return (int.Parse(tcp.Groups[1].Value), get.Groups[1].Value);
    }

    /// <summary>Names of the <c>${VAR…}</c> interpolations anywhere in the file.</summary>
    public static IReadOnlySet<string> InterpolatedVariables() =>
        Interpolation().Matches(File.ReadAllText(DeployFiles.ComposeFile)).Select(m => m.Groups[1].Value).ToHashSet();

    private static bool BuildsTheImage(object? service)
    {
        var context = Yaml.Text(service, "build.context");
        var dockerfile = Yaml.Text(service, "build.dockerfile") ?? "Dockerfile";
        return context is not null
               && Path.GetFullPath(Path.Combine(DeployFiles.DeployDirectory, context, dockerfile)) == DeployFiles.Dockerfile;
    }

    [GeneratedRegex(@"https?://[^/\s:]+:(\d+)(/[^\s'""]*)")]
    private static partial Regex HttpUrl();

    [GeneratedRegex(@"/dev/tcp/[^/\s]+/(\d+)")]
    private static partial Regex DevTcp();

    [GeneratedRegex(@"GET (/\S*) HTTP")]
    private static partial Regex HttpGet();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Interpolation();
}
