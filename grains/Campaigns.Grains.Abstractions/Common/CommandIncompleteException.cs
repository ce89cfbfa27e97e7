namespace Campaigns.Grains.Abstractions.Common;

/// <summary>
/// A command's decision is durable but applying it failed part-way (storage went away). Unlike
/// <see cref="StorageUnavailableException"/> something did change; the grain finishes the rest by itself, and repeating
/// the request (with the same <c>Idempotency-Key</c>) finishes it too. The gateway answers 503 and says so.
/// </summary>
[GenerateSerializer]
public sealed class CommandIncompleteException : Exception
{
    public CommandIncompleteException()
    {
    }

    public CommandIncompleteException(string message) : base(message)
    {
    }

    public CommandIncompleteException(string message, Exception inner) : base(message, inner)
    {
    }
}
