namespace Campaigns.Application.Imports;

/// <summary>
/// One data row of an import file, numbered from 1: the create request it reads as, or the problems that kept it
/// from being read (keyed by field; an empty key is the row as a whole). A row with problems is never imported.
/// </summary>
public sealed record ImportRow<TRequest>(int Number, TRequest? Request, IReadOnlyDictionary<string, string> Problems)
    where TRequest : class
{
    private static readonly IReadOnlyDictionary<string, string> NoProblems = new Dictionary<string, string>();

    public static ImportRow<TRequest> Read(int number, TRequest request) => new(number, request, NoProblems);

    public static ImportRow<TRequest> Unreadable(int number, string field, string problem) =>
        new(number, null, new Dictionary<string, string> { [field] = problem });
}
