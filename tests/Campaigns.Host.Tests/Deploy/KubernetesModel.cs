namespace Campaigns.Host.Tests.Deploy;

/// <summary>The manifests under <c>deploy/k8s</c>: every document of every file, and the silo Deployment's parts.</summary>
public static class KubernetesModel
{
    public const string KustomizationFile = "kustomization.yaml";

    private static readonly Lazy<IReadOnlyList<(string File, object? Document)>> All = new(Load);

    /// <summary>Manifest files meant to be applied (not the kustomization, not examples), relative to deploy/k8s.</summary>
    public static IReadOnlyList<string> ManifestFiles =>
        Directory.GetFiles(DeployFiles.KubernetesDirectory, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(DeployFiles.KubernetesDirectory, f))
            .Where(f => f != KustomizationFile && !f.EndsWith(".example.yaml", StringComparison.Ordinal))
            .Order()
            .ToList();

    public static object? Kustomization => Yaml.Documents(Path.Combine(DeployFiles.KubernetesDirectory, KustomizationFile)).Single();

    public static IEnumerable<object?> OfKind(string kind) => All.Value.Select(d => d.Document).Where(d => Yaml.Text(d, "kind") == kind);

    public static object? One(string kind, string name) =>
        OfKind(kind).SingleOrDefault(d => Yaml.Text(d, "metadata.name") == name)
        ?? throw new Xunit.Sdk.XunitException($"deploy/k8s has no {kind} named {name}.");

    public static IEnumerable<object?> Examples(string kind) =>
        Directory.GetFiles(DeployFiles.KubernetesDirectory, "*.example.yaml")
            .SelectMany(Yaml.Documents)
            .Where(d => Yaml.Text(d, "kind") == kind);

    public static object? Silos => One("Deployment", "campaigns");
    public static object? PodSpec => Yaml.At(Silos, "spec.template.spec");
    public static IReadOnlyDictionary<string, string> PodLabels => Yaml.Strings(Yaml.At(Silos, "spec.template.metadata.labels"));
    public static object? SiloContainer => Yaml.List(Yaml.At(PodSpec, "containers")).Single(c => Yaml.Text(c, "name") == "silo");

    public static IReadOnlyList<object?> Env(object? container) => Yaml.List(Yaml.At(container, "env"));

    /// <summary>Literal env values (not those from fields or secrets), for working out the container's settings.</summary>
    public static IReadOnlyDictionary<string, string> LiteralEnv(object? container) =>
        Env(container).Where(e => Yaml.Text(e, "value") is not null)
            .ToDictionary(e => Yaml.Text(e, "name")!, e => Yaml.Text(e, "value")!);

    public static IReadOnlyDictionary<string, int> ContainerPorts(object? container) =>
        Yaml.List(Yaml.At(container, "ports")).ToDictionary(p => Yaml.Text(p, "name") ?? "", p => int.Parse(Yaml.Text(p, "containerPort")!));

    /// <summary>A port given by number or by the name of one of the silo container's ports.</summary>
    public static int ResolvePort(object? port) => port is string text && int.TryParse(text, out var number)
        ? number
        : ContainerPorts(SiloContainer).TryGetValue(port as string ?? "", out var named) ? named
        : throw new Xunit.Sdk.XunitException($"port '{port}' is neither a number nor a port of the silo container");

    /// <summary>Whether every label a selector asks for is one of <paramref name="labels"/>.</summary>
    public static bool Selects(object? matchLabels, IReadOnlyDictionary<string, string> labels)
    {
        var wanted = Yaml.Strings(matchLabels);
        return wanted.Count > 0 && wanted.All(w => labels.TryGetValue(w.Key, out var value) && value == w.Value);
    }

    private static IReadOnlyList<(string, object?)> Load() =>
        ManifestFiles.SelectMany(f => Yaml.Documents(Path.Combine(DeployFiles.KubernetesDirectory, f))
                .Where(d => d is not null)
                .Select(d => (f, d)))
            .ToList();
}
