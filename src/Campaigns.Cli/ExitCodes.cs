namespace Campaigns.Cli;

/// <summary>The exit codes scripts may rely on; they are documented in README.md and do not change.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The server refused the request (a 4xx problem: invalid input, not found, conflict, bad key, …).</summary>
    public const int Refused = 1;

    /// <summary>The command line or an input file is wrong: unknown command or option, missing key, a file that is missing or does not parse.</summary>
    public const int Usage = 2;

    /// <summary>The server could not be reached, timed out, or is unavailable (5xx): retrying later may succeed.</summary>
    public const int Unreachable = 3;
}
