using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// Counts a platform's daily upload units in durable state, so a restart or a move to another silo does not hand
/// out the day's budget twice. Days are Pacific Time days, the ones YouTube's quotas reset by (at midnight PT).
/// </summary>
public sealed class UploadBudgetGrain(
    [PersistentState("upload-budget", StorageNames.Campaigns)] IPersistentState<UploadBudgetState> state,
    TimeProvider clock) : Grain, IUploadBudgetGrain
{
    private static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    public async Task<DateTimeOffset?> TryCharge(int units, int dailyUnits)
    {
        var now = clock.GetUtcNow();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Pacific).DateTime);
        var used = state.State.Day == day ? state.State.Used : 0;
        if (used + units > dailyUnits)
        {
            return NextDayStart(day);
        }
        state.State.Day = day;
        state.State.Used = used + units;
        await state.WriteStateAsync();
        return null;
    }

    /// <summary>Midnight Pacific Time after <paramref name="day"/>, as an instant.</summary>
    public static DateTimeOffset NextDayStart(DateOnly day)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Pacific.GetUtcOffset(midnight));
    }
}

/// <summary>The persisted count of one platform's upload budget.</summary>
[GenerateSerializer]
public sealed class UploadBudgetState
{
    /// <summary>The Pacific Time day <see cref="Used"/> counts.</summary>
    [Id(0)] public DateOnly? Day { get; set; }

    /// <summary>Units charged on <see cref="Day"/>.</summary>
    [Id(1)] public int Used { get; set; }
}
