using System.Diagnostics.CodeAnalysis;
using FluentValidation;
using FluentValidation.Results;

namespace Campaigns.Application.Imports;

/// <summary>
/// Validates a whole import before anything is written: every row against the create rules, then the unique key
/// of each row (a handle, a SKU) repeated within the file or already held by the agency. Errors are keyed
/// <c>rows[N].field</c>; at most <see cref="ImportCommand{TRequest}.MaxListedErrors"/> are listed and the rest
/// counted under <c>rows</c>.
/// </summary>
public abstract class ImportValidator<TCommand, TRequest, TKey> : AbstractValidator<TCommand>
    where TCommand : ImportCommand<TRequest>
    where TRequest : class
    where TKey : notnull
{
    protected ImportValidator(IValidator<TRequest> rowValidator)
    {
        RuleFor(c => c.Rows).CustomAsync(async (rows, context, cancellationToken) =>
        {
            if (rows.Count == 0)
            {
                context.AddFailure(new ValidationFailure("rows", "The file has no data rows."));
                return;
            }
            if (rows.Count > ImportCommand<TRequest>.MaxRows)
            {
                // The reader stops one row past the limit, so the file's real length is unknown here.
                context.AddFailure(new ValidationFailure("rows", $"At most {ImportCommand<TRequest>.MaxRows} rows per import; this file has more."));
                return;
            }

            var command = context.InstanceToValidate;
            var errors = new ImportErrors(command.Format == ImportFormat.Csv ? ColumnFor : path => path);
            var keys = new Dictionary<TKey, int>();
            foreach (var row in rows)
            {
                foreach (var (field, problem) in row.Problems)
                {
                    errors.Add(row.Number, field, problem);
                }
                if (row.Request is not { } request)
                {
                    continue;
                }
                foreach (var failure in (await rowValidator.ValidateAsync(request, cancellationToken)).Errors)
                {
                    errors.Add(row.Number, failure.PropertyName, failure.ErrorMessage);
                }
                if (TryKeyOf(request, out var key))
                {
                    if (keys.TryGetValue(key, out var first))
                    {
                        errors.Add(row.Number, KeyField, RepeatedMessage(first));
                    }
                    else
                    {
                        keys[key] = row.Number;
                    }
                }
            }

            var taken = await TakenAsync(command.AgencyId, keys.Keys, cancellationToken);
            foreach (var (key, number) in keys.Where(k => taken.Contains(k.Key)).OrderBy(k => k.Value))
            {
                errors.Add(number, KeyField, TakenMessage(key));
            }
            errors.Report(context, ImportCommand<TRequest>.MaxListedErrors);
        });
    }

    /// <summary>The field the unique key is read from, named in errors about it.</summary>
    protected abstract string KeyField { get; }

    /// <summary>The row's unique key; false when the row is too broken to have one.</summary>
    protected abstract bool TryKeyOf(TRequest request, [MaybeNullWhen(false)] out TKey key);

    /// <summary>The keys among <paramref name="keys"/> the agency already holds.</summary>
    protected abstract Task<IReadOnlySet<TKey>> TakenAsync(string agencyId, IReadOnlyCollection<TKey> keys, CancellationToken cancellationToken);

    /// <summary>The error for a row repeating the key of an earlier row.</summary>
    protected abstract string RepeatedMessage(int firstRow);

    /// <summary>The error for a key the agency already holds.</summary>
    protected abstract string TakenMessage(TKey key);

    /// <summary>The CSV column a validation error on a JSON path belongs to; by default the path itself.</summary>
    protected virtual string ColumnFor(string path) => path;
}
