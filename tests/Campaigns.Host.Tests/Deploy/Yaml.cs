using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Campaigns.Host.Tests.Deploy;

/// <summary>
/// YAML read the way compose and kubectl read it (anchors, merge keys, several documents per file) into plain
/// maps, lists and strings, with a few helpers to walk them.
/// </summary>
public static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static IReadOnlyList<object?> Documents(string path)
    {
        using var reader = new StreamReader(path);
        var parser = new MergingParser(new Parser(reader));
        parser.Consume<StreamStart>();
        var documents = new List<object?>();
        while (parser.Accept<DocumentStart>(out _))
        {
            documents.Add(Deserializer.Deserialize<object?>(parser));
        }
        return documents;
    }

    /// <summary>The node at a dotted path (<c>spec.template.spec</c>), or null when any step is missing.</summary>
    public static object? At(object? node, string path)
    {
        foreach (var step in path.Split('.'))
        {
            if (node is not IDictionary<object, object?> map || !map.TryGetValue(step, out node))
            {
                return null;
            }
        }
        return node;
    }

    public static IReadOnlyDictionary<string, object?> Map(object? node) =>
        node is IDictionary<object, object?> map ? map.ToDictionary(e => (string)e.Key, e => e.Value) : new Dictionary<string, object?>();

    public static IReadOnlyList<object?> List(object? node) => node as IReadOnlyList<object?> ?? (node as List<object?>) ?? [];

    public static string? Text(object? node, string path) => At(node, path) as string;

    /// <summary>String-valued entries of a map (labels, selectors, compose environments).</summary>
    public static IReadOnlyDictionary<string, string> Strings(object? node) =>
        Map(node).Where(e => e.Value is string).ToDictionary(e => e.Key, e => (string)e.Value!);
}
