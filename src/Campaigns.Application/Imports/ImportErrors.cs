using FluentValidation;
using FluentValidation.Results;

namespace Campaigns.Application.Imports;

/// <summary>Collects an import's errors in row order, under the names the file uses, and caps the list.</summary>
internal sealed class ImportErrors(Func<string, string> nameOf)
{
    private readonly SortedDictionary<(int Row, string Field), List<string>> _byField = new();

    public void Add(int row, string field, string message)
    {
        var name = nameOf(field);
        if (!_byField.TryGetValue((row, name), out var messages))
        {
            _byField[(row, name)] = messages = [];
        }
        if (!messages.Contains(message))
        {
            messages.Add(message);
        }
    }

    /// <summary>Adds the first <paramref name="maxListed"/> fields' errors as <c>rows[N].field</c> and counts the rest.</summary>
    public void Report<T>(ValidationContext<T> context, int maxListed)
    {
        foreach (var ((row, field), messages) in _byField.Take(maxListed))
        {
            var key = field.Length == 0 ? $"rows[{row}]" : $"rows[{row}].{field}";
            messages.ForEach(m => context.AddFailure(new ValidationFailure(key, m)));
        }
        if (_byField.Count > maxListed)
        {
            context.AddFailure(new ValidationFailure("rows", $"{_byField.Count - maxListed} more fields are invalid; the first {maxListed} are listed."));
        }
    }
}
