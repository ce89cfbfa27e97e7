using System.Collections.Concurrent;

namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>
/// Account grain keys this process has just minted for a creation (<c>POST /v1/accounts</c>) and not yet seen activated.
/// An id made a moment ago from the clock and 40 random bits, known to no one else yet, cannot have a stored state or
/// read-model row, so the grain activated for it skips reading them: one round trip of the two a creation makes. Only
/// this process's keys are here; an account grain activated on another silo does not find its key and reads as usual.
/// </summary>
public sealed class NewAccountKeys
{
    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);

    /// <summary>How many minted keys wait for their activation (zero between creations).</summary>
    public int Count => _keys.Count;

    /// <summary>Marks a key as just minted; the creation that minted it calls <see cref="Forget"/> when it is answered.</summary>
    public void Add(string grainKey) => _keys.TryAdd(grainKey, 0);

    /// <summary>True, once, for a key minted here and not yet activated: the activation may skip reading its state.</summary>
    public bool TryTake(string grainKey) => _keys.TryRemove(grainKey, out _);

    /// <summary>Drops a key whose grain activated elsewhere (or never), so the set holds only creations in flight.</summary>
    public void Forget(string grainKey) => _keys.TryRemove(grainKey, out _);
}
