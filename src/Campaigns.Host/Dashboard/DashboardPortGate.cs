namespace Campaigns.Host.Dashboard;

/// <summary>
/// When the dashboard has a port of its own, it answers there only, and nothing else does: a request for the
/// dashboard on the HTTP port, or for the API on the dashboard port, is a 404. Decided by the port the connection
/// arrived on, never by the Host header, which the client chooses.
/// </summary>
public sealed class DashboardPortGate(RequestDelegate next, int dashboardPort)
{
    public Task InvokeAsync(HttpContext context)
    {
        var onDashboardPort = context.Connection.LocalPort == dashboardPort;
        var forDashboard = context.Request.Path.StartsWithSegments(DashboardHosting.PathPrefix);
        if (onDashboardPort == forDashboard)
        {
            return next(context);
        }
        if (onDashboardPort && context.Request.Path == "/")
        {
            context.Response.Redirect(DashboardHosting.PathPrefix + "/");
            return Task.CompletedTask;
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
