using System.Runtime.InteropServices;

namespace Campaigns.PlatformFakes;

/// <summary>
/// <c>dotnet run --project tests/Campaigns.PlatformFakes</c>: the five fakes on loopback until Ctrl+C or SIGTERM, for
/// trying the connect flow by hand. Prints the settings that point a host at them, as shell exports.
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

        // Each fake's own host reacts to these signals by stopping itself only, so the process waits for them here.
        var stopped = new TaskCompletionSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopped.TrySetResult();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await stopped.Task;
    }
}
