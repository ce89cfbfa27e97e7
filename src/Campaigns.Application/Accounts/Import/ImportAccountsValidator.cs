using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Storage.ReadModel;
using FluentValidation;
using FluentValidation.Results;

namespace Campaigns.Application.Accounts.Import;

/// <summary>
/// Validates a whole import before anything is written: every row against the create rules, then handles repeated
/// within the file or already held by the agency. Errors are keyed <c>rows[N].field</c>; at most
/// <see cref="ImportAccounts.MaxListedErrors"/> are listed and the rest counted under <c>rows</c>.
/// </summary>
public sealed class ImportAccountsValidator : AbstractValidator<ImportAccounts>
{
    private static readonly CreateAccountValidator RowValidator = new();

    public ImportAccountsValidator(AccountStore accounts)
    {
        RuleFor(c => c.Rows).CustomAsync(async (rows, context, cancellationToken) =>
        {
            if (rows.Count == 0)
            {
                context.AddFailure(new ValidationFailure("rows", "The file has no data rows."));
                return;
            }
            if (rows.Count > ImportAccounts.MaxRows)
            {
                context.AddFailure(new ValidationFailure("rows", $"At most {ImportAccounts.MaxRows} rows per import; this file has {rows.Count}."));
                return;
            }

            var command = context.InstanceToValidate;
            var errors = new Errors(command.Format);
            var handles = new Dictionary<(string Platform, string HandleKey), int>();
            foreach (var row in rows)
            {
                foreach (var (field, problem) in row.Problems)
                {
                    errors.Add(row.Number, field, problem);
                }
                if (row.Account is not { } account)
                {
                    continue;
                }
                foreach (var failure in (await RowValidator.ValidateAsync(account, cancellationToken)).Errors)
                {
                    errors.Add(row.Number, failure.PropertyName, failure.ErrorMessage);
                }
                if (HandleOf(account) is { } key)
                {
                    if (handles.TryGetValue(key, out var first))
                    {
                        errors.Add(row.Number, "handle", $"Repeats the handle of row {first} on the same platform.");
                    }
                    else
                    {
                        handles[key] = row.Number;
                    }
                }
            }

            var taken = await accounts.ExistingHandlesAsync(command.AgencyId, handles.Keys.Select(k => k.HandleKey).ToList(), cancellationToken);
            foreach (var (key, number) in handles.Where(h => taken.Contains(h.Key)).OrderBy(h => h.Value))
            {
                errors.Add(number, "handle", $"'{key.HandleKey}' is already used on {key.Platform} by an account of this agency.");
            }
            errors.Report(context);
        });
    }

    private static (string, string)? HandleOf(CreateAccount account) =>
        WireName<Platform>.TryParse(account.Platform, out var platform) && !string.IsNullOrWhiteSpace(account.Handle)
            ? (AccountDocument.PlatformWord(platform), AccountDocument.HandleKey(account.Handle))
            : null;

    /// <summary>Collects errors in row order, naming CSV columns for CSV files, and caps the list.</summary>
    private sealed class Errors(ImportFormat format)
    {
        private readonly SortedDictionary<(int Row, string Field), List<string>> _byField = new();

        public void Add(int row, string field, string message)
        {
            var name = format == ImportFormat.Csv ? AccountCsv.ColumnFor(field) : field;
            if (!_byField.TryGetValue((row, name), out var messages))
            {
                _byField[(row, name)] = messages = [];
            }
            if (!messages.Contains(message))
            {
                messages.Add(message);
            }
        }

        public void Report(ValidationContext<ImportAccounts> context)
        {
            foreach (var ((row, field), messages) in _byField.Take(ImportAccounts.MaxListedErrors))
            {
                var key = field.Length == 0 ? $"rows[{row}]" : $"rows[{row}].{field}";
                messages.ForEach(m => context.AddFailure(new ValidationFailure(key, m)));
            }
            if (_byField.Count > ImportAccounts.MaxListedErrors)
            {
                context.AddFailure(new ValidationFailure(
                    "rows", $"{_byField.Count - ImportAccounts.MaxListedErrors} more fields are invalid; the first {ImportAccounts.MaxListedErrors} are listed."));
            }
        }
    }
}
