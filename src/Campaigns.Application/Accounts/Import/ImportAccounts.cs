using Campaigns.Application.Common;
using Campaigns.Application.Imports;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Mediator;

namespace Campaigns.Application.Accounts.Import;

/// <summary>Create many accounts at once (<c>POST /v1/accounts/import</c>): all of them or none.</summary>
public sealed record ImportAccounts(string AgencyId, ImportFormat Format, IReadOnlyList<ImportRow<CreateAccount>> Rows)
    : ImportCommand<CreateAccount>(AgencyId, Format, Rows);

public sealed class ImportAccountsHandler(IGrainFactory grains, TimeProvider clock) : ICommandHandler<ImportAccounts, Outcome<ImportResult>>
{
    public async ValueTask<Outcome<ImportResult>> Handle(ImportAccounts command, CancellationToken cancellationToken)
    {
        var ids = command.NewIds(AccountLookup.Prefix, clock);
        var items = command.Rows.Select((row, i) => new AccountImportItem(ids[i], AccountDrafts.From(row.Request!))).ToList();

        var outcome = await grains.GetGrain<IAccountImportGrain>(IAccountImportGrain.KeyFor(command.AgencyId)).Import(items);
        return outcome.Map(imported => new ImportResult(imported, ids));
    }
}
