using System.Diagnostics.CodeAnalysis;
using Campaigns.Application.Imports;
using Campaigns.Connectors.Platforms;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Domain.Outbound;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Storage.Accounts;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Accounts.Import;

/// <summary>An account import's rows: the create rules, and handles unique per platform within the file and the agency.</summary>
public sealed class ImportAccountsValidator(AccountStore accounts, IOptionsMonitor<OutboundOptions> outbound, PlatformRegistry platforms)
    : ImportValidator<ImportAccounts, CreateAccount, (string Platform, string HandleKey)>(new CreateAccountValidator(outbound, platforms))
{
    protected override string KeyField => "handle";

    protected override bool TryKeyOf(CreateAccount account, [MaybeNullWhen(false)] out (string Platform, string HandleKey) key)
    {
        var known = WireName<Platform>.TryParse(account.Platform, out var platform) && !string.IsNullOrWhiteSpace(account.Handle);
        key = known ? (AccountDocument.PlatformWord(platform), AccountDocument.HandleKey(account.Handle!)) : default;
        return known;
    }

    protected override async Task<IReadOnlySet<(string Platform, string HandleKey)>> TakenAsync(
        string agencyId, IReadOnlyCollection<(string Platform, string HandleKey)> keys, CancellationToken cancellationToken) =>
        await accounts.ExistingHandlesAsync(agencyId, keys.Select(k => k.HandleKey).ToList(), cancellationToken);

    protected override string RepeatedMessage(int firstRow) => $"Repeats the handle of row {firstRow} on the same platform.";

    protected override string TakenMessage((string Platform, string HandleKey) key) =>
        $"'{key.HandleKey}' is already used on {key.Platform} by an account of this agency.";

    protected override string ColumnFor(string path) => AccountCsv.ColumnFor(path);
}
