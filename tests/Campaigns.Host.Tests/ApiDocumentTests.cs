using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Campaigns.Host.Tests.Support;

namespace Campaigns.Host.Tests;

/// <summary>
/// The OpenAPI document checked structurally, and against what the host really answers, so client generators and
/// linters keep accepting it without needing npm in the test run.
/// </summary>
public sealed class ApiDocumentTests(ApiDocumentTests.Host host) : IClassFixture<ApiDocumentTests.Host>
{
    private const string Scheme = "apiKey";

    /// <summary>A host whose public address is set with a trailing slash, as an operator might write it.</summary>
    public sealed class Host : SqliteHostFixture
    {
        public const string PublicBaseUrl = "https://campaigns.example.test/";

        protected override IReadOnlyDictionary<string, string> Overrides { get; } =
            new Dictionary<string, string> { ["Campaigns:PublicBaseUrl"] = PublicBaseUrl };
    }

    [Fact]
    public async Task The_server_is_the_public_base_url_without_a_trailing_slash()
    {
        var document = await ApiDocument.Fetch(host.App);
        var server = Assert.Single(document.Root["servers"]!.AsArray());
        Assert.Equal(Host.PublicBaseUrl.TrimEnd('/'), server!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_operation_has_a_unique_operation_id()
    {
        var ids = (await ApiDocument.Fetch(host.App)).Operations.Select(o => o.Node["operationId"]?.GetValue<string>()).ToList();
        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task Operations_that_challenge_for_a_key_require_the_bearer_scheme_and_the_others_say_they_are_open()
    {
        // Guarded by the line setting operation.Security in OperationConventions: without it no operation declares
        // either form and every assertion below fails.
        var document = await ApiDocument.Fetch(host.App);
        var scheme = document.Root["components"]!["securitySchemes"]![Scheme]!;
        Assert.Equal("http", scheme["type"]!.GetValue<string>());
        Assert.Equal("bearer", scheme["scheme"]!.GetValue<string>());
        Assert.Null(document.Root["security"]); // per operation, so open ones cannot inherit a requirement

        var anonymous = ApiClient.For(host.App, null);
        foreach (var operation in document.Operations)
        {
            Assert.True(operation.IsOpen || operation.RequiresBearer(Scheme), $"{operation.Name} declares neither the bearer key nor an open requirement.");
            var response = await Send(anonymous, operation, "x");
            var challenged = response.Headers.WwwAuthenticate.ToString().Contains("Bearer", StringComparison.Ordinal);
            Assert.True(challenged == operation.RequiresBearer(Scheme),
                $"{operation.Name}: answered {(int)response.StatusCode} {(challenged ? "with" : "without")} a bearer challenge without a key, "
                + $"but its document says {(operation.IsOpen ? "open" : "bearer")}.");
        }
        Assert.Contains(document.Operations, o => o.Path.StartsWith("/v1/webhooks/", StringComparison.Ordinal) && o.IsOpen);
    }

    [Fact]
    public async Task Every_operation_documents_its_refusals_as_problem_details()
    {
        var document = await ApiDocument.Fetch(host.App);
        foreach (var operation in document.Operations)
        {
            Assert.Contains(operation.Statuses, s => s is >= 400 and < 500);
            foreach (var (status, response) in operation.Responses.Where(r => int.Parse(r.Key) >= 400))
            {
                var content = Assert.Single(response!["content"]!.AsObject());
                Assert.Equal("application/problem+json", content.Key);
                var expected = status == "400" ? "HttpValidationProblemDetails" : "ProblemDetails";
                Assert.Equal($"#/components/schemas/{expected}", content.Value!["schema"]!["$ref"]!.GetValue<string>());
            }
            // Guarded by refusals.Add(503, …) in OperationConventions: every operation reads storage.
            Assert.Contains(503, operation.Statuses);
            if (operation.RequiresBearer(Scheme))
            {
                Assert.Superset(new HashSet<int> { 401, 403, 429 }, operation.Statuses.ToHashSet());
                Assert.NotNull(operation.Responses["429"]!["headers"]?["Retry-After"]);
            }
            if (operation.Node["requestBody"] is not null)
            {
                Assert.Contains(413, operation.Statuses);
            }
            if (operation.Method == "POST" && operation.RequiresBearer(Scheme))
            {
                Assert.Contains(operation.Node["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "Idempotency-Key" && p["in"]!.GetValue<string>() == "header");
                Assert.Superset(new HashSet<int> { 400, 409, 422 }, operation.Statuses.ToHashSet());
            }
        }
    }

    [Fact]
    public async Task What_each_operation_answers_to_unknown_ids_and_empty_bodies_is_documented()
    {
        var document = await ApiDocument.Fetch(host.App);
        var tenant = await Tenant.Create(host.App);
        foreach (var operation in document.Operations)
        {
            var response = await Send(tenant.Client, operation, "nope_" + Guid.NewGuid().ToString("N")[..8]);
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{operation.Name} answered {status}.");
            if (status >= 400)
            {
                Assert.True(operation.Statuses.Contains(status), $"{operation.Name} answered {status}, which its document does not list.");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Fact]
    public async Task Problem_schemas_have_the_rfc_9457_members_and_allow_extensions()
    {
        var schemas = (await ApiDocument.Fetch(host.App)).Root["components"]!["schemas"]!;
        foreach (var name in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
        {
            var schema = schemas[name]!;
            var properties = schema["properties"]!.AsObject();
            Assert.Superset(new HashSet<string> { "type", "title", "status", "detail", "instance", "traceId" }, properties.Select(p => p.Key).ToHashSet());
            Assert.Equal("integer", properties["status"]!["type"]!.GetValue<string>());
            Assert.NotEqual("false", schema["additionalProperties"]?.ToJsonString());
        }
        Assert.NotNull(schemas["HttpValidationProblemDetails"]!["properties"]!["errors"]);
    }

    /// <summary>The operation with every path parameter set to <paramref name="id"/> and, when it takes JSON, an empty object.</summary>
    private static Task<HttpResponseMessage> Send(ApiClient client, ApiDocument.Operation operation, string id)
    {
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), operation.PathWith(id));
        if (operation.HasJsonBody)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        return client.Http.SendAsync(request);
    }
}
