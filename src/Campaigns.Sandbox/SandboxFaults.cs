using System.Globalization;

namespace Campaigns.Sandbox;

/// <summary>Decides which publish attempts the sandbox fails on purpose.</summary>
public static class SandboxFaults
{
    /// <summary>
    /// True when attempt <paramref name="attempt"/> (1 for the first) of <paramref name="idempotencyKey"/> fails,
    /// which happens for about <paramref name="failureRate"/> of all (key, attempt) pairs — the same ones every run.
    /// </summary>
    public static bool FailsAttempt(string idempotencyKey, long attempt, double failureRate) =>
        failureRate > 0
        && Domain.Common.StableHash.Unit(idempotencyKey + "#" + attempt.ToString(CultureInfo.InvariantCulture)) < failureRate;
}
