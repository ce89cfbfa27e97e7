namespace Campaigns.Storage.Tests.Grains;

/// <summary>Registers and inspects reminders through the configured reminder table.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    /// <summary>Registers (or updates) a reminder and returns its ETag as read back from the table.</summary>
    Task<string?> Register(string name);

    Task<bool> Exists(string name);

    Task Unregister(string name);
}
