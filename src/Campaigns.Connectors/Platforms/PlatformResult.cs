namespace Campaigns.Connectors.Platforms;

/// <summary>A value from the platform, or the classified reason there is none.</summary>
public sealed record PlatformResult<T>(T? Value, PlatformFailure? Failure)
{
    /// <summary>True when the call succeeded.</summary>
    public bool Ok => Failure is null;

    /// <summary>A success.</summary>
    public static PlatformResult<T> Success(T value) => new(value, null);

    /// <summary>A failure.</summary>
    public static PlatformResult<T> Fail(PlatformFailure failure) => new(default, failure ?? throw new ArgumentNullException(nameof(failure)));
}
