using Campaigns.Domain.Accounts;
using Microsoft.Extensions.Logging;

namespace Campaigns.Grains.Accounts;

/// <summary>The account grain's log lines, generated so a disabled level costs nothing.</summary>
internal static partial class AccountLog
{
    /// <summary>
    /// Debug, not Information: creation runs hundreds of times a second under load, and a console line each is
    /// formatting (with its scopes) and console output on the command's path; the response and the accounts list
    /// already say what was created.
    /// </summary>
    [LoggerMessage(Level = LogLevel.Debug, Message = "Account {AccountId} created on {Platform} as {Handle}")]
    public static partial void Created(ILogger logger, string accountId, Platform platform, string handle);
}
