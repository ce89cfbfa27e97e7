using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// Generates <c>src/Campaigns.Client/CampaignsClient.g.cs</c> from the OpenAPI document the host serves. One place
/// holds the settings, so the check that the committed client is current and the regeneration agree by construction.
/// </summary>
public static class ClientGenerator
{
    /// <summary>Set to 1 to write the client instead of comparing it (src/Campaigns.Client/regenerate.sh does).</summary>
    public const string RegenerateVariable = "CAMPAIGNS_REGENERATE_CLIENT";

    public const string RegenerateCommand = "bash src/Campaigns.Client/regenerate.sh";

    public static string ClientFile => Path.Combine(RepositoryRoot(), "src", "Campaigns.Client", "CampaignsClient.g.cs");

    public static async Task<string> GenerateAsync(string documentJson)
    {
        var document = await OpenApiDocument.FromJsonAsync(documentJson);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "CampaignsClient",
            GenerateClientInterfaces = true,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            UseBaseUrl = true,
            InjectHttpClient = true,
            GenerateOptionalParameters = true,
            ExceptionClass = "CampaignsApiException",
            GenerateExceptionClasses = true,
            ParameterDateTimeFormat = "O",
            ParameterNameGenerator = new CamelCaseParameterNames(),
        };
        var types = settings.CSharpGeneratorSettings;
        types.Namespace = "Campaigns.Client";
        types.JsonLibrary = CSharpJsonLibrary.SystemTextJson;
        types.GenerateNullableReferenceTypes = true;
        types.GenerateOptionalPropertiesAsNullable = true;
        types.GenerateDataAnnotations = false;
        types.ClassStyle = CSharpClassStyle.Poco;
        types.ArrayType = "System.Collections.Generic.List";
        types.ArrayInstanceType = "System.Collections.Generic.List";
        types.ArrayBaseType = "System.Collections.Generic.List";
        types.DictionaryType = "System.Collections.Generic.Dictionary";
        types.DictionaryInstanceType = "System.Collections.Generic.Dictionary";
        types.DictionaryBaseType = "System.Collections.Generic.Dictionary";
        return Normalize(new CSharpClientGenerator(document, settings).GenerateFile());
    }

    /// <summary>Line endings and trailing blanks do not count as a difference.</summary>
    public static string Normalize(string code) =>
        string.Join('\n', code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).TrimEnd() + "\n";

    /// <summary>Header names such as Idempotency-Key become idempotencyKey, not idempotency_Key.</summary>
    private sealed class CamelCaseParameterNames : IParameterNameGenerator
    {
        public string Generate(OpenApiParameter parameter, IEnumerable<OpenApiParameter> allParameters)
        {
            var words = parameter.Name.Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
            return string.Concat(words.Select((w, i) => i == 0 ? char.ToLowerInvariant(w[0]) + w[1..] : char.ToUpperInvariant(w[0]) + w[1..]));
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Campaigns.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Campaigns.sln not found above " + AppContext.BaseDirectory);
    }
}
