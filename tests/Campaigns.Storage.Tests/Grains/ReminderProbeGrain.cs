namespace Campaigns.Storage.Tests.Grains;

/// <summary>Long periods: the test checks the table, not that reminders fire.</summary>
public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public async Task<string?> Register(string name)
    {
        await this.RegisterOrUpdateReminder(name, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));
        var reminder = await this.GetReminder(name);
        return reminder?.ReminderName;
    }

    public async Task<bool> Exists(string name) => await this.GetReminder(name) is not null;

    public async Task Unregister(string name)
    {
        var reminder = await this.GetReminder(name) ?? throw new InvalidOperationException($"No reminder {name}.");
        await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
