namespace Campaigns.Grains.Abstractions.Common;

/// <summary>What a grain command returns: the value, or the reason it was refused. Exceptions are kept for faults.</summary>
[GenerateSerializer, Immutable]
public sealed record Outcome<T>([property: Id(0)] T? Value, [property: Id(1)] CommandError? Error)
{
    /// <summary>True when the command was carried out.</summary>
    public bool Succeeded => Error is null;

    /// <summary>A successful outcome.</summary>
    public static Outcome<T> Ok(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    public static Outcome<T> Fail(ErrorKind kind, string message, string? field = null) => new(default, new CommandError(kind, message, field));
}
