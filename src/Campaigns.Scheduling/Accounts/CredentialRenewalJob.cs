using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Storage.Accounts;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Campaigns.Scheduling.Accounts;

/// <summary>
/// Every <c>Campaigns:Platforms:CredentialSweepSeconds</c> (default 6 hours) on one silo: pages through the connected
/// accounts and asks each account grain to keep its credential alive, so an account that publishes nothing for weeks
/// still has a working token when it next does (an Instagram long-lived token lapses after 60 days unused; TikTok's
/// and Douyin's refresh tokens have lifetimes of their own). Each grain decides (it alone reads the tokens) and renews
/// through its <c>CredentialKeeper</c>, single-flight with any publish; a refused renewal makes it needs-reauth.
/// Durable (Quartz's persistent store), so the sweep survives restarts and needs no live grain to call it.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class CredentialRenewalJob(IGrainFactory grains, ConnectedAccounts accounts, ILogger<CredentialRenewalJob> logger) : IJob
{
    public static readonly JobKey Key = new("renew", "credentials");

    /// <summary>The setting of the sweep's period in seconds (0 turns it off).</summary>
    public const string IntervalSetting = "Campaigns:Platforms:CredentialSweepSeconds";

    /// <summary>The default period: 6 hours, well inside every platform's renewal margin.</summary>
    public const int DefaultIntervalSeconds = 6 * 60 * 60;

    private const int PageSize = 500;

    private const int InParallel = 8;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var (agency, id, renewed) = ("", "", 0);
        for (var page = await accounts.PageAsync(agency, id, PageSize, cancellationToken); page.Count > 0;
             page = await accounts.PageAsync(agency, id, PageSize, cancellationToken))
        {
            var results = new bool[page.Count];
            await Parallel.ForAsync(0, page.Count, new ParallelOptions { MaxDegreeOfParallelism = InParallel, CancellationToken = cancellationToken },
                async (i, _) => results[i] = await KeepAliveAsync(page[i]));
            renewed += results.Count(r => r);
            (agency, id) = (page[^1].AgencyId, page[^1].Id);
        }
        if (renewed > 0)
        {
            LogRenewed(logger, renewed);
        }
    }

    private async Task<bool> KeepAliveAsync(AccountKey account)
    {
        try
        {
            return await grains.GetGrain<IAccountGrain>(GrainKeys.For(account.AgencyId, account.Id)).KeepCredentialAlive();
        }
        catch (Exception ex)
        {
            // One account's trouble must not stop the sweep; the next sweep asks again, well before the token lapses.
            LogFailed(logger, ex, account.AgencyId, account.Id);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Credential sweep renewed {Count} idle accounts' credentials")]
    private static partial void LogRenewed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Credential sweep: account {AgencyId}/{AccountId} could not be asked to renew")]
    private static partial void LogFailed(ILogger logger, Exception exception, string agencyId, string accountId);
}
