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

    public static AdminKey Resolve(CampaignsOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.AdminKey))
        {
            return new AdminKey(options.AdminKey.Trim());
        }
        if (options.Storage.Provider != StorageProvider.Sqlite)
        {
            throw new InvalidOperationException("Set Campaigns:AdminKey: it is generated only for the embedded SQLite default.");
        }

        Directory.CreateDirectory(options.DataDirectory);
        var path = Path.GetFullPath(Path.Combine(options.DataDirectory, FileName));
        if (File.Exists(path))
        {
            return new AdminKey(File.ReadAllText(path).Trim());
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
}
