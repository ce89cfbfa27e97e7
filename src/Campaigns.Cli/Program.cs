using Campaigns.Cli;

return await CampaignsCli.RunAsync(args, CliEnvironment.FromProcess());
