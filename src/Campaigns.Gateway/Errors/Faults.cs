using System.Data.Common;
using Campaigns.Grains.Abstractions.Common;

namespace Campaigns.Gateway.Errors;

/// <summary>
/// What a failure says about the command it interrupted: a storage fault means nothing was changed; a grain call that
/// got no answer means it may have been applied, or may still be.
/// </summary>
public static class Faults
{
    /// <summary>
    /// A storage fault anywhere in the chain: grains translate their own writes, but a grain that cannot even
    /// activate (its state read fails) surfaces through Orleans with the driver's exception inside. A driver's own
    /// timeout arrives inside its <see cref="DbException"/>, so it is found here first.
    /// </summary>
    public static bool IsStorage(Exception? exception) =>
        Any(exception, e => e is StorageUnavailableException or DbException or System.Net.Sockets.SocketException);

    /// <summary>
    /// A grain call that got no answer: Orleans' response timeout (a bare <see cref="TimeoutException"/>; storage
    /// timeouts are translated at the grain boundary or wrapped by their driver), a silo lost mid-call, or a message
    /// the cluster could not deliver (a silo that died and is not yet declared dead). The command may have run, or
    /// may still be running: unlike a storage fault, nothing says it did not.
    /// </summary>
    public static bool IsClusterTimeout(Exception? exception) =>
        !IsStorage(exception) && Incomplete(exception) is null && Any(exception, e => e is TimeoutException
            or Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException);

    /// <summary>
    /// A command that answered: its decision is durable, applying it failed part-way (whatever the inner fault, a
    /// timeout of a call it made included), and running it again finishes it. Null when there is none in the chain.
    /// </summary>
    public static CommandIncompleteException? Incomplete(Exception? exception)
    {
        CommandIncompleteException? found = null;
        Any(exception, e => (found = e as CommandIncompleteException) is not null);
        return found;
    }

    private static bool Any(Exception? exception, Func<Exception, bool> match)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (match(current) || current is AggregateException aggregate && aggregate.InnerExceptions.Any(e => Any(e, match)))
            {
                return true;
            }
        }
        return false;
    }
}
