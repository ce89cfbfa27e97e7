using System.Reflection;
using Campaigns.Host.Configuration;
using Microsoft.AspNetCore.Hosting;
using Orleans.Hosting.Kubernetes;

namespace Campaigns.Host.Tests.Deploy;

/// <summary>
/// The configuration keys the host really reads, derived from the code rather than listed by hand: every options
/// class of ours that names its section (<c>public const string Section</c>), walked property by property; the
/// connection string the storage resolver asks for; the environment variables Orleans' Kubernetes hosting reads;
/// ASP.NET Core's own URL and environment settings; and OpenTelemetry's <c>OTEL_*</c> variables.
/// </summary>
public static class ConfigurationKeys
{
    private static readonly Lazy<IReadOnlySet<string>> Known = new(Collect);

    /// <summary>Whether an environment variable name (<c>Campaigns__Cluster__SiloPort</c>) is a setting the host reads.</summary>
    public static bool IsKnownEnvironmentName(string name) =>
        Known.Value.Contains(name.Replace("__", ":"))
        // The OpenTelemetry SDK reads the variables its specification names (OTEL_EXPORTER_OTLP_ENDPOINT, …).
        || name.StartsWith(OpenTelemetryPrefix, StringComparison.Ordinal);

    private const string OpenTelemetryPrefix = "OTEL_";

    public static IReadOnlySet<string> All => Known.Value;

    private static IReadOnlySet<string> Collect()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "ConnectionStrings:" + StorageConfiguration.ConnectionStringName,
            "ASPNETCORE_" + WebHostDefaults.ServerUrlsKey,
            "ASPNETCORE_" + WebHostDefaults.EnvironmentKey,
        };
        foreach (var type in OurTypes())
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                && field.GetRawConstantValue() is string section)
            {
                AddProperties(keys, section, type);
            }
        }
        foreach (var field in typeof(KubernetesHostingOptions).GetFields(BindingFlags.Public | BindingFlags.Static)
                     .Where(f => f.IsLiteral && f.Name.EndsWith("EnvironmentVariable", StringComparison.Ordinal)))
        {
            keys.Add((string)field.GetRawConstantValue()!);
        }
        return keys;
    }

    private static void AddProperties(HashSet<string> keys, string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = prefix + ":" + property.Name;
            var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsScalar(valueType))
            {
                keys.Add(key);
            }
            else if (valueType.IsClass)
            {
                AddProperties(keys, key, valueType);
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri);

    /// <summary>Every type of every Campaigns assembly beside the tests (loading those the test run has not touched yet).</summary>
    private static IEnumerable<Type> OurTypes() =>
        Directory.GetFiles(AppContext.BaseDirectory, "Campaigns.*.dll")
            .Where(f => !Path.GetFileName(f).Contains(".Tests", StringComparison.Ordinal))
            .Select(f => Assembly.Load(AssemblyName.GetAssemblyName(f)))
            .SelectMany(a => a.GetTypes());
}
