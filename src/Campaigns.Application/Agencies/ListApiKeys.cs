
using Campaigns.Application.Common;
using Campaigns.Storage.Agencies;
using FluentValidation;
using Mediator;
namespace Campaigns.Application.Agencies;

/// <summary>The calling agency's API keys (<c>GET /v1/keys</c>), oldest first, without secrets.</summary>
public sealed record ListApiKeys(string AgencyId, int? Limit, string? Cursor) : IQuery<Page<ApiKeyView>>;

public sealed class ListApiKeysValidator : AbstractValidator<ListApiKeys>
{
    public ListApiKeysValidator()
    {
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).Cursor();
    }
}

public sealed class ListApiKeysHandler(ApiKeyStore keys) : IQueryHandler<ListApiKeys, Page<ApiKeyView>>
{
    public async ValueTask<Page<ApiKeyView>> Handle(ListApiKeys query, CancellationToken cancellationToken)
    {
        PageCursor.TryDecode(query.Cursor, out var after);
        var (rows, hasMore) = await keys.ListAsync(query.AgencyId, after, query.Limit ?? PageCursor.DefaultLimit, cancellationToken);
        var items = rows.Select(ApiKeyView.From).ToList();
        return new Page<ApiKeyView>(items, hasMore ? PageCursor.Encode(items[^1].Id) : null);
    }
}
