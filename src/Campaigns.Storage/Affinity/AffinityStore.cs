using System.Text;
using Campaigns.Storage.Common;
using Dapper;

namespace Campaigns.Storage.Affinity;

/// <summary>An account's audience weight for one tag, with what ranking needs to break ties.</summary>
public sealed record AudienceTagRow(string AccountId, string Tag, double Weight, long Followers);

/// <summary>
/// Reads the audience tags that matter for a ranking: only rows whose tag is one of the content's terms, for active
/// accounts, via the (agency, tag) index — so ranking 10,000 accounts reads a few thousand rows, not all tags.
/// </summary>
public sealed class AffinityStore(DbConnectionFactory connections)
{
    public async Task<IReadOnlyList<AudienceTagRow>> MatchingTagsAsync(
        string agencyId, IReadOnlyCollection<string> terms, string? platform, string? kind, CancellationToken cancellationToken = default)
    {
        if (terms.Count == 0)
        {
            return [];
        }
        var sql = new StringBuilder(
            $"""
            SELECT t.account_id AS AccountId, t.tag AS Tag, t.weight AS Weight, a.followers AS Followers
            FROM account_tags t JOIN accounts a ON a.agency_id = t.agency_id AND a.id = t.account_id
            WHERE t.agency_id = @agencyId AND {SqlLists.OneOf(connections.Provider, "t.tag", "terms")} AND a.status = 'active'
            """);
        if (platform is not null) sql.Append(" AND a.platform = @platform");
        if (kind is not null) sql.Append(" AND a.kind = @kind");
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AudienceTagRow>(sql.ToString(), new { agencyId, terms = terms.ToArray(), platform, kind });
        return rows.ToList();
    }
}
