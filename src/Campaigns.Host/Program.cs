using Campaigns.Host;

var builder = WebApplication.CreateBuilder(args);
builder.AddCampaigns();

var app = builder.Build();
app.UseCampaigns();
app.Run();

/// <summary>The entry point, public so functional tests can boot the real host.</summary>
public partial class Program;
