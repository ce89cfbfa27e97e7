namespace Campaigns.Application.Accounts.Import;

/// <summary>
/// One data row of an import file, numbered from 1: the request it reads as, or the problems that kept it from
/// being read (keyed by field; an empty key is the row as a whole). A row with problems is never imported.
/// </summary>
public sealed record ImportRow(int Number, CreateAccount? Account, IReadOnlyDictionary<string, string> Problems)
{
    private static readonly IReadOnlyDictionary<string, string> NoProblems = new Dictionary<string, string>();

    public static ImportRow Read(int number, CreateAccount account) => new(number, account, NoProblems);

    public static ImportRow Unreadable(int number, string field, string problem) =>
        new(number, null, new Dictionary<string, string> { [field] = problem });
}
