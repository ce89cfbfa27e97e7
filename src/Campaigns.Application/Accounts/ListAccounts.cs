
using Campaigns.Application.Common;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Storage.Accounts;
using FluentValidation;
using Mediator;
namespace Campaigns.Application.Accounts;

/// <summary>
/// The calling agency's accounts, filtered, in creation order (<c>GET /v1/accounts</c>). <see cref="Credential"/> keeps
/// accounts whose platform credential has that status (the sandbox and webhook have none, so never match).
/// </summary>
public sealed record ListAccounts(
    string AgencyId,
    string? Platform,
    string? Brand,
    string? Kind,
    string? Status,
    string? Tag,
    string? Credential,
    int? Limit,
    string? Cursor) : IQuery<Page<AccountView>>;

public sealed class ListAccountsValidator : AbstractValidator<ListAccounts>
{
    public ListAccountsValidator()
    {
        RuleFor(q => q.Platform).OneOf<ListAccounts, Platform>();
        RuleFor(q => q.Kind).OneOf<ListAccounts, AccountKind>();
        RuleFor(q => q.Status).OneOf<ListAccounts, AccountStatus>();
        RuleFor(q => q.Credential).OneOf<ListAccounts, CredentialStatus>();
        RuleFor(q => q.Tag).Must(t => t is null || Tags.Normalize(t).Length > 0).WithMessage("Must not be blank.");
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).Cursor();
    }
}

public sealed class ListAccountsHandler(AccountStore accounts) : IQueryHandler<ListAccounts, Page<AccountView>>
{
    public async ValueTask<Page<AccountView>> Handle(ListAccounts query, CancellationToken cancellationToken)
    {
        PageCursor.TryDecode(query.Cursor, out var after);
        var limit = query.Limit ?? PageCursor.DefaultLimit;
        var (documents, hasMore) = await accounts.ListAsync(new AccountQuery(
            query.AgencyId,
            query.Platform,
            query.Brand?.Trim(),
            query.Kind,
            query.Status,
            query.Tag is null ? null : Tags.Normalize(query.Tag),
            query.Credential,
            after,
            limit), cancellationToken);
        var items = documents.Select(d => AccountView.From(AccountDocument.Deserialize(d))).ToList();
        return new Page<AccountView>(items, hasMore ? PageCursor.Encode(items[^1].Id) : null);
    }
}
