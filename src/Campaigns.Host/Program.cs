using Campaigns.Host;

// Settings ship beside the binary; ./data stays relative to the directory the host was started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddCampaigns();

var app = builder.Build();
app.UseCampaigns();
app.Run();

/// <summary>The entry point, public so functional tests can boot the real host.</summary>
public partial class Program;
