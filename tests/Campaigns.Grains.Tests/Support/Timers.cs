using Campaigns.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Campaigns.Grains.Tests.Support;

/// <summary>Grain timers run on the grains' (fake) clock: waiting for one means moving that clock on while polling.</summary>
internal static class Timers
{
    public static Task UntilAsync(FakeTimeProvider clock, Func<Task<bool>> condition) =>
        Poll.Until(async () =>
        {
            if (await condition())
            {
                return true;
            }
            clock.Advance(TimeSpan.FromSeconds(1));
            return false;
        });
}
