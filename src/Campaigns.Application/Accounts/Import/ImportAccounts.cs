using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Mediator;

namespace Campaigns.Application.Accounts.Import;

/// <summary>
/// Create many accounts at once (<c>POST /v1/accounts/import</c>): all of them or, when any row is invalid,
/// none. Ids follow the file's row order.
/// </summary>
public sealed record ImportAccounts(string AgencyId, ImportFormat Format, IReadOnlyList<ImportRow> Rows) : ICommand<Outcome<ImportedAccounts>>
{
    /// <summary>The most rows one request may carry.</summary>
    public const int MaxRows = 10_000;

    /// <summary>The most errors listed in a 400; the rest are counted.</summary>
    public const int MaxListedErrors = 1_000;
}

/// <summary>The result of an import: how many accounts were created and their ids, in the file's row order.</summary>
public sealed record ImportedAccounts(int Imported, IReadOnlyList<string> Ids);

public sealed class ImportAccountsHandler(IGrainFactory grains, TimeProvider clock) : ICommandHandler<ImportAccounts, Outcome<ImportedAccounts>>
{
    public async ValueTask<Outcome<ImportedAccounts>> Handle(ImportAccounts command, CancellationToken cancellationToken)
    {
        // Ids sort by creation time; sorting a fresh batch and handing them out in row order makes the accounts
        // list (ordered by id) show the file's order.
        var ids = Enumerable.Range(0, command.Rows.Count).Select(_ => Ids.New(AccountLookup.Prefix, clock)).Order(StringComparer.Ordinal).ToList();
        var items = command.Rows.Select((row, i) => new AccountImportItem(ids[i], AccountDrafts.From(row.Account!))).ToList();

        var outcome = await grains.GetGrain<IAccountImportGrain>(IAccountImportGrain.KeyFor(command.AgencyId)).Import(items);
        return outcome.Error is { } error
            ? new Outcome<ImportedAccounts>(null, error)
            : Outcome<ImportedAccounts>.Ok(new ImportedAccounts(outcome.Value, ids));
    }
}
