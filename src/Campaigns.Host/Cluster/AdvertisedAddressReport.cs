namespace Campaigns.Host.Cluster;

/// <summary>
/// Says at the very start of the silo which address it advertises and listens on, so that a bind failure or a
/// cluster that never forms can be traced to the choice; a loopback fallback is a warning.
/// </summary>
public sealed partial class AdvertisedAddressReport(AdvertisedAddressChoice choice, ILogger<AdvertisedAddressReport> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(AdvertisedAddressReport), ServiceLifecycleStage.First, _ =>
        {
            Report();
            return Task.CompletedTask;
        });

    private void Report()
    {
        switch (choice.Source)
        {
            case AdvertisedAddressSource.Configured:
                LogConfigured(choice.Address);
                break;
            case AdvertisedAddressSource.Interface:
                LogInterface(choice.Address, choice.InterfaceName);
                break;
            default:
                LogLoopback(choice.Address, AdvertisedAddress.SettingKey);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo advertises and listens on {Address} (configured)")]
    private partial void LogConfigured(System.Net.IPAddress address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo advertises and listens on {Address}, the address of interface {Interface}")]
    private partial void LogInterface(System.Net.IPAddress address, string? @interface);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo advertises {Address}: this machine has no other IPv4 address, so silos on other machines cannot reach it; set {Setting}")]
    private partial void LogLoopback(System.Net.IPAddress address, string setting);
}
