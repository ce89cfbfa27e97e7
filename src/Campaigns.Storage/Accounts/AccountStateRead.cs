namespace Campaigns.Storage.Accounts;

/// <summary>
/// What an account grain finds on activation, from one query: its state and that state's etag when it has one, and the
/// import it may adopt when the account's read-model row came from a bulk import. A row without either is an account
/// whose state Orleans' grain storage held before <c>account_states</c> existed, or a handle claim that never finished.
/// </summary>
public sealed record AccountStateRead(AccountStateRow? State, long Etag, AdoptableAccount? Import);
