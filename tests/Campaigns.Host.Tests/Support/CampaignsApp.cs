using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// The real host — silo, scheduler, gateway, real database — booted in-process with its own silo and gateway
/// ports, so several can run side by side (and form one cluster on PostgreSQL).
/// </summary>
public sealed class CampaignsApp : WebApplicationFactory<Program>
{
    public CampaignsApp(HostSettings settings)
    {
        Settings = settings;
        if (settings.Kestrel)
        {
            UseKestrel();
        }
    }

    public HostSettings Settings { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment(Settings.Environment);
        builder.UseSetting("Campaigns:DataDirectory", Settings.DataDirectory);
        if (Settings.Kestrel)
        {
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        }
        builder.UseSetting("Campaigns:Storage:Provider", Settings.Provider);
        builder.UseSetting("Campaigns:Cluster:ClusterId", Settings.ClusterId);
        builder.UseSetting("Campaigns:Cluster:ServiceId", Settings.ClusterId);
        builder.UseSetting("Campaigns:Cluster:SiloPort", FreePorts.Next().ToString());
        // Silos of a test cluster reach each other on loopback only, never through the machine's own address.
        builder.UseSetting("Campaigns:Cluster:AdvertisedIP", "127.0.0.1");
        if (Settings.ConnectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:Campaigns", Settings.ConnectionString);
        }
        if (Settings.AdminKey is not null)
        {
            builder.UseSetting("Campaigns:AdminKey", Settings.AdminKey);
        }
        builder.UseSetting("Campaigns:Outbound:AllowPrivateAddresses", Settings.AllowPrivateAddresses ? "true" : "false");
        foreach (var (key, value) in Settings.Overrides)
        {
            builder.UseSetting(key, value);
        }
        if (Settings.Services is { } services)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
