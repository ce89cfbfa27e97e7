using Campaigns.Domain.Accounts;
using Campaigns.Domain.Videos;

namespace Campaigns.Domain.Campaigns;

/// <summary>
/// Plans matrix cross-posting (矩阵): account i's first post is wished for at start + i × stagger, its next ones
/// one minimum gap apart; each wish moves to the earliest instant the account's caps allow. Videos rotate so that
/// account i posts videos i, i+1, … (mod the number of videos), and two accounts on the same platform never post
/// the same video at the same instant. Suspended accounts, and videos a platform would reject, are skipped with
/// a warning; nothing is ever silently dropped.
/// </summary>
public static class MatrixPlanner
{
    public static Plan Plan(MatrixRequest request, IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>>? taken = null)
    {
        var warnings = new List<PlanWarning>();
        var pushes = new List<PlannedPush>();
        if (request.Videos.Count == 0)
        {
            warnings.Add(new PlanWarning("no-videos", "The plan has no videos to post."));
            return new Plan(pushes, warnings);
        }
        var postsPerAccount = Math.Min(request.PostsPerAccount, request.Videos.Count);
        if (postsPerAccount < request.PostsPerAccount)
        {
            warnings.Add(new PlanWarning("too-few-videos",
                $"{request.PostsPerAccount} posts per account need as many distinct videos; each account posts {postsPerAccount}."));
        }

        var occupied = new HashSet<(Platform, string, DateTimeOffset)>();
        var index = 0;
        foreach (var account in request.Accounts)
        {
            if (account.Status != AccountStatus.Active)
            {
                warnings.Add(new PlanWarning("account-suspended", "The account is suspended and posts nothing.", account.Id));
                continue;
            }
            var calendar = new CapsCalendar(account, TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone));
            foreach (var instant in taken?.GetValueOrDefault(account.Id) ?? [])
            {
                calendar.Take(instant);
            }
            var wish = request.StartAt + request.Stagger * index;
            for (var post = 0; post < postsPerAccount; post++)
            {
                var video = request.Videos[(index + post) % request.Videos.Count];
                var planned = PlanOne(request, calendar, video, wish, occupied, warnings);
                if (planned is not null)
                {
                    pushes.Add(planned);
                    wish = planned.ScheduledAt + TimeSpan.FromMinutes(Math.Max(account.Caps.MinGapMinutes, 1));
                }
            }
            index++;
        }

        pushes.Sort((a, b) => a.ScheduledAt != b.ScheduledAt
            ? a.ScheduledAt.CompareTo(b.ScheduledAt)
            : string.CompareOrdinal(a.AccountId, b.AccountId));
        return new Plan(pushes, warnings);
    }

    private static PlannedPush? PlanOne(
        MatrixRequest request, CapsCalendar calendar, PlanningVideo video, DateTimeOffset wish,
        HashSet<(Platform, string, DateTimeOffset)> occupied, List<PlanWarning> warnings)
    {
        var account = calendar.Account;
        var variant = video.VariantFor(account.Platform);
        var violations = PlatformLimits.Check(account.Platform, variant.Caption, variant.Hashtags.Count, video.DurationSeconds);
        if (violations.Count > 0)
        {
            warnings.Add(new PlanWarning("platform-limit",
                $"{Common.WireName<Platform>.Of(account.Platform)} would reject this video: {string.Join(" ", violations.Select(v => v.Message))}", account.Id, video.Id));
            return null;
        }

        var at = calendar.Earliest(wish);
        // The same video on the same platform at the same instant looks like a bot farm: nudge by a second.
        while (at is { } instant && occupied.Contains((account.Platform, video.Id, instant)))
        {
            at = calendar.Earliest(instant.AddSeconds(1));
        }
        if (at is not { } scheduled)
        {
            warnings.Add(new PlanWarning("caps-exhausted",
                $"No instant within {CapsCalendar.Horizon.TotalDays} days satisfies the account's caps.", account.Id, video.Id));
            return null;
        }
        calendar.Take(scheduled);
        occupied.Add((account.Platform, video.Id, scheduled));
        return new PlannedPush(account.Id, video.Id, scheduled, request.Wave, variant.Caption, variant.Hashtags);
    }
}
