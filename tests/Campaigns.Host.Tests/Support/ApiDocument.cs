using System.Text.Json.Nodes;

namespace Campaigns.Host.Tests.Support;

/// <summary>The served OpenAPI document, read as JSON, with its operations listed one by one.</summary>
public sealed class ApiDocument(JsonObject root)
{
    public static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public JsonObject Root => root;

    public IReadOnlyList<Operation> Operations { get; } = root["paths"]!.AsObject()
        .SelectMany(path => path.Value!.AsObject()
            .Where(op => Methods.Contains(op.Key))
            .Select(op => new Operation(op.Key.ToUpperInvariant(), path.Key, op.Value!.AsObject())))
        .ToList();

    public static async Task<ApiDocument> Fetch(CampaignsApp app) =>
        new((await ApiClient.Json(await ApiClient.For(app, null).Get("/openapi/v1.json"))).AsObject());

    /// <summary>One operation: its method, path template and OpenAPI object.</summary>
    public sealed record Operation(string Method, string Path, JsonObject Node)
    {
        public string Name => $"{Method} {Path} ({Node["operationId"]})";

        public JsonObject Responses => Node["responses"]!.AsObject();

        public IEnumerable<int> Statuses => Responses.Select(r => int.Parse(r.Key));

        public bool HasJsonBody => Node["requestBody"]?["content"]?["application/json"] is not null;

        /// <summary>Declares one empty security requirement: no key needed.</summary>
        public bool IsOpen => Requirement() is { Count: 0 };

        /// <summary>Declares one security requirement: <paramref name="scheme"/> alone.</summary>
        public bool RequiresBearer(string scheme) => Requirement() is { Count: 1 } requirement && requirement.ContainsKey(scheme);

        private JsonObject? Requirement() =>
            Node["security"] is JsonArray { Count: 1 } security ? security[0] as JsonObject : null;

        /// <summary>The path with every parameter replaced by <paramref name="value"/>.</summary>
        public string PathWith(string value) => System.Text.RegularExpressions.Regex.Replace(Path, "\\{[^}]+\\}", value);
    }
}
