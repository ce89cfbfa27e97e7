using Campaigns.Domain.Common;
using Microsoft.Extensions.Time.Testing;

namespace Campaigns.Domain.Tests;

public sealed class IdsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("acc")]
    [InlineData("agy")]
    [InlineData("cmp")]
    public void A_new_id_is_the_prefix_then_22_lower_case_hex_digits(string prefix)
    {
        var id = Ids.New(prefix);

        Assert.Matches($"^{prefix}_[0-9a-f]{{22}}$", id);
        Assert.True(Ids.HasShape(id, prefix));
    }

    [Fact]
    public void The_first_twelve_digits_are_the_clock_milliseconds()
    {
        var clock = new FakeTimeProvider(Start);

        var id = Ids.New("acc", clock);

        Assert.Equal(Start.ToUnixTimeMilliseconds(), Convert.ToInt64(id[4..16], 16));
    }

    [Fact]
    public void Ids_created_at_increasing_instants_sort_in_creation_order()
    {
        var clock = new FakeTimeProvider(Start);
        var ids = new List<string>();
        // Steps from one millisecond to a year: ordinal order must follow time across digit carries.
        TimeSpan[] steps = [TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(15), TimeSpan.FromSeconds(1),
            TimeSpan.FromMinutes(7), TimeSpan.FromHours(5), TimeSpan.FromDays(40), TimeSpan.FromDays(365)];
        foreach (var step in steps)
        {
            ids.Add(Ids.New("acc", clock));
            clock.Advance(step);
        }
        ids.Add(Ids.New("acc", clock));

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Ids_created_in_the_same_millisecond_still_differ()
    {
        var clock = new FakeTimeProvider(Start);

        var ids = Enumerable.Range(0, 1000).Select(_ => Ids.New("acc", clock)).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.StartsWith(ids[0][..16], id));
    }

    [Fact]
    public void Ids_created_in_the_same_millisecond_sort_in_the_order_they_were_made()
    {
        var clock = new FakeTimeProvider(Start.AddDays(3));

        var ids = Enumerable.Range(0, 1000).Select(_ => Ids.New("acc", clock)).ToList();

        // Without the step from the previous id of the millisecond, the last ten digits are random draws, and a thousand
        // of them come out in the order they were made once in 1000! tries.
        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("acc_019a6f3c2b1e4f7a9c0d12", "acc", true)]
    [InlineData("acc_019a6f3c2b1e4f7a9c0d12", "agy", false)] // another kind's prefix
    [InlineData("acc_019A6F3C2B1E4F7A9C0D12", "acc", false)] // upper-case hex
    [InlineData("acc_019a6f3c2b1e4f7a9c0d1", "acc", false)] // one digit short
    [InlineData("acc_019a6f3c2b1e4f7a9c0d123", "acc", false)] // one digit long
    [InlineData("acc_019a6f3c2b1e4f7a9c0dzz", "acc", false)] // not hex
    [InlineData("acc-019a6f3c2b1e4f7a9c0d12", "acc", false)] // wrong separator
    [InlineData("ac_c019a6f3c2b1e4f7a9c0d12", "acc", false)]
    [InlineData("acc_../../etc/passwd_xxxxx", "acc", false)]
    [InlineData("", "acc", false)]
    [InlineData(null, "acc", false)]
    public void HasShape_accepts_only_the_exact_shape(string? id, string prefix, bool expected)
    {
        Assert.Equal(expected, Ids.HasShape(id, prefix));
    }
}
