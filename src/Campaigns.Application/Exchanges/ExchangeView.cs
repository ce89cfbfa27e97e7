using Campaigns.Domain.Common;
using Campaigns.Domain.Exchanges;
using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Exchanges;

namespace Campaigns.Application.Exchanges;

/// <summary>
/// One push of an exchange: who posts whose video, the credits the poster earns, the push's status, and what became
/// of its credits (<c>pending</c>, <c>settled</c> once published, <c>released</c> when it failed, was skipped or cancelled).
/// </summary>
public sealed record ExchangePushView(
    string Id,
    string PostedBy,
    string ContentOf,
    string VideoId,
    long Credits,
    DateTimeOffset? ScheduledAt,
    string Status,
    DateTimeOffset? PublishedAt,
    string? LastError,
    string Settlement);

/// <summary>
/// An exchange as the API shows it. <c>status</c> is <c>scheduled</c> until both pushes have settled, then
/// <c>completed</c> when both published, <c>cancelled</c> when both were cancelled (the exchange was cancelled before
/// either fired, or its campaign was), or <c>incomplete</c>.
/// </summary>
public sealed record ExchangeView(
    string Id,
    string? CampaignId,
    string AccountA,
    string AccountB,
    string Kind,
    string VideoA,
    string VideoB,
    DateTimeOffset At,
    long CreditsA,
    long CreditsB,
    string Status,
    IReadOnlyList<ExchangePushView> Pushes,
    DateTimeOffset CreatedAt);

/// <summary>Builds exchange views from their snapshots and the current state of their pushes.</summary>
public static class ExchangeViews
{
    private static readonly HashSet<string> Dead = [Word(PushStatus.Failed), Word(PushStatus.Skipped), Word(PushStatus.Cancelled)];

    public static async Task<IReadOnlyList<ExchangeView>> BuildAsync(
        ExchangeStore store, string agencyId, IReadOnlyList<ExchangeSnapshot> exchanges, CancellationToken cancellationToken)
    {
        var states = (await store.PushStatesAsync(agencyId, exchanges.Select(e => e.Id).ToList(), cancellationToken))
            .ToDictionary(s => s.PushId, StringComparer.Ordinal);
        return exchanges.Select(e => From(e, states)).ToList();
    }

    public static IReadOnlyList<ExchangeSnapshot> Read(IEnumerable<string> documents) =>
        documents.Select(Documents.Deserialize<ExchangeSnapshot>).ToList();

    private static ExchangeView From(ExchangeSnapshot e, IReadOnlyDictionary<string, ExchangePushState> states)
    {
        var pushes = new[]
        {
            Push(e.PushA, postedBy: e.AccountB, contentOf: e.AccountA, e.VideoA, e.CreditsB, states),
            Push(e.PushB, postedBy: e.AccountA, contentOf: e.AccountB, e.VideoB, e.CreditsA, states),
        };
        var status = pushes.Any(p => p.Status == Word(PushStatus.Scheduled) || p.Status == Word(PushStatus.Publishing)) ? "scheduled"
            : pushes.All(p => p.Status == Word(PushStatus.Published)) ? "completed"
            : pushes.All(p => p.Status == Word(PushStatus.Cancelled)) ? "cancelled"
            : "incomplete";
        return new ExchangeView(e.Id, e.CampaignId, e.AccountA, e.AccountB, WireName<ExchangeKind>.Of(e.Kind), e.VideoA, e.VideoB, e.At,
            e.CreditsA, e.CreditsB, status, pushes, e.CreatedAt);
    }

    private static string Word(PushStatus status) => WireName<PushStatus>.Of(status);

    private static ExchangePushView Push(string pushId, string postedBy, string contentOf, string videoId, long credits, IReadOnlyDictionary<string, ExchangePushState> states)
    {
        var state = states.GetValueOrDefault(pushId);
        var status = state?.Status ?? Word(PushStatus.Scheduled);
        // A push cancelled in bulk (its campaign was cancelled) has its credits released by the ledger's next reconciliation;
        // they already no longer count towards the limit.
        var settlement = state?.LegState is LegStates.Pending && Dead.Contains(status) ? LegStates.Released : state?.LegState ?? LegStates.Pending;
        return new ExchangePushView(pushId, postedBy, contentOf, videoId, credits,
            state?.ScheduledAt is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(s) : null, status,
            state?.PublishedAt is { } p ? DateTimeOffset.FromUnixTimeMilliseconds(p) : null, state?.LastError, settlement);
    }
}
