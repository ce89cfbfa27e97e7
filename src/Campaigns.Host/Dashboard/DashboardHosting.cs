using Campaigns.Gateway.Auth;
using Campaigns.Host.Configuration;
using Orleans.Dashboard;

namespace Campaigns.Host.Dashboard;

/// <summary>
/// The Orleans dashboard: at /dashboard on the HTTP port behind the admin key (the default), on a port of its own
/// that the network can keep closed (<c>Campaigns:Dashboard:Port</c>), or not at all.
/// </summary>
public static class DashboardHosting
{
    public const string PathPrefix = "/dashboard";

    /// <summary>The HTTP addresses plus the dashboard's own, when it has a port of its own.</summary>
    public static string WithDashboardUrl(string httpUrls, CampaignsOptions.DashboardOptionsSection dashboard)
    {
        if (!dashboard.Enabled || dashboard.Port is not { } port)
        {
            return httpUrls;
        }
        if (port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"Campaigns:Dashboard:Port {port} is not a TCP port (1-65535).");
        }
        var host = dashboard.Address.Contains(':') && !dashboard.Address.StartsWith('[') ? $"[{dashboard.Address}]" : dashboard.Address;
        return $"{httpUrls};http://{host}:{port}";
    }

    /// <summary>First in the pipeline: keeps the dashboard and the API each on its own port.</summary>
    public static void UseDashboardPort(this WebApplication app, CampaignsOptions.DashboardOptionsSection dashboard)
    {
        if (dashboard.Enabled && dashboard.Port is { } port)
        {
            app.UseMiddleware<DashboardPortGate>(port);
        }
    }

    public static void MapDashboard(this WebApplication app, CampaignsOptions.DashboardOptionsSection dashboard)
    {
        if (!dashboard.Enabled)
        {
            return;
        }
        var endpoints = app.MapOrleansDashboard(routePrefix: PathPrefix);
        endpoints.ExcludeFromDescription();
        if (!app.Environment.IsDevelopment())
        {
            endpoints.RequireAuthorization(AuthNames.AdminPolicy);
        }
    }
}
