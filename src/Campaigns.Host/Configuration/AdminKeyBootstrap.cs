using Campaigns.Gateway.Auth;
using Campaigns.Storage;

namespace Campaigns.Host.Configuration;

/// <summary>
/// Finds the admin key: the configured one, or — for the embedded default only — the one stored in the data
/// directory, generated and printed once on first start. A PostgreSQL deployment must configure it.
/// </summary>
public static class AdminKeyBootstrap
{
    public const string FileName = "admin.key";

    /// <summary>The shortest admin key accepted: the key opens every agency's tenancy and the dashboard.</summary>
    public const int MinLength = 32;

    public static AdminKey Resolve(CampaignsOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.AdminKey))
        {
            return Checked(options.AdminKey.Trim(), "Campaigns:AdminKey");
        }
        if (options.Storage.Provider != StorageProvider.Sqlite)
        {
            throw new InvalidOperationException("Set Campaigns:AdminKey: it is generated only for the embedded SQLite default.");
        }

        Directory.CreateDirectory(options.DataDirectory);
        var path = Path.GetFullPath(Path.Combine(options.DataDirectory, FileName));
        if (File.Exists(path))
        {
            return Checked(File.ReadAllText(path).Trim(), path);
        }

        var key = "adm_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        Console.WriteLine($"Campaigns admin key (shown once, stored in {path}): {key}");
        return new AdminKey(key);
    }

    /// <summary>Refuses to start with a key short enough to guess.</summary>
    private static AdminKey Checked(string key, string source) =>
        key.Length >= MinLength
            ? new AdminKey(key)
            : throw new InvalidOperationException(
                $"The admin key from {source} has {key.Length} characters; it must have at least {MinLength}. "
                + "Generate one with: openssl rand -hex 32");
}
