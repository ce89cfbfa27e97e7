using DbUp.Builder;
using DbUp.Engine;
using Microsoft.Extensions.Logging;

namespace Campaigns.Storage;

/// <summary>The DbUp settings shared by both providers.</summary>
internal static class MigrationScripts
{
    /// <summary>The embedded-resource prefix of a provider's scripts (see the csproj's LogicalName).</summary>
    internal static string ResourcePrefix(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => "Migrations/Sqlite/",
        StorageProvider.PostgreSql => "Migrations/PostgreSql/",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown storage provider."),
    };

    /// <summary>
    /// Selects the provider's scripts (those <paramref name="include"/> accepts by file name, when given: tests stop
    /// part-way to check what a later script does to existing data), one transaction per script, and logging.
    /// </summary>
    internal static UpgradeEngine Build(UpgradeEngineBuilder builder, StorageProvider provider, ILogger? logger, Func<string, bool>? include = null)
    {
        var prefix = ResourcePrefix(provider);
        builder = builder
            .WithScriptsEmbeddedInAssembly(
                typeof(MigrationScripts).Assembly,
                name => name.Replace('\\', '/').StartsWith(prefix, StringComparison.Ordinal)
                    && (include is null || include(name.Replace('\\', '/')[prefix.Length..])))
            // A failing script leaves nothing half-applied and is not journaled, so the next start retries it.
            .WithTransactionPerScript()
            // Scripts are plain SQL: no $variable$ substitution that could mangle their text.
            .WithVariablesDisabled();
        builder = logger is null ? builder.LogToNowhere() : builder.LogTo(logger);
        return builder.Build();
    }

    /// <summary>Runs the engine and turns a failed result into an exception.</summary>
    internal static void Perform(UpgradeEngine engine, StorageProvider provider)
    {
        var result = engine.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"{provider} migration failed in script '{result.ErrorScript?.Name}'.", result.Error);
        }
    }
}
