namespace Campaigns.PlatformFakes;

/// <summary>
/// <c>dotnet run --project tests/Campaigns.PlatformFakes</c>: the five fakes on loopback until Ctrl+C, for trying the
/// connect flow by hand. Prints the settings that point a host at them, as shell exports.
/// </summary>
internal static class FakesProgram
{
    private static async Task Main()
    {
        await using var fakes = new PlatformFakeSet();
        await fakes.StartAsync();
        foreach (var (key, value) in fakes.Settings())
        {
            Console.WriteLine($"export {key.Replace(":", "__", StringComparison.Ordinal)}={value}");
        }
        // The fakes are on loopback, which the outbound guard refuses unless told otherwise: never set this elsewhere.
        Console.WriteLine("export Campaigns__Outbound__AllowPrivateAddresses=true");
        Console.Error.WriteLine("The platform fakes are listening; Ctrl+C stops them.");

        var stopped = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopped.TrySetResult();
        };
        await stopped.Task;
    }
}
