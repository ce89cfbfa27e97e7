namespace Campaigns.Grains.Abstractions.Common;

/// <summary>
/// The database could not be reached or refused a write. Grains translate provider exceptions (Npgsql, SQLite)
/// into this type at their boundary so that nothing driver-specific has to cross silos; the gateway answers 503.
/// </summary>
[GenerateSerializer]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message) : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }
}
