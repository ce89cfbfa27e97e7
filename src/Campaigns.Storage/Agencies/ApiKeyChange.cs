namespace Campaigns.Storage.Agencies;

/// <summary>What adding or deleting an API key did.</summary>
public enum ApiKeyChange
{
    /// <summary>The key was added or deleted.</summary>
    Done,

    /// <summary>No such agency.</summary>
    AgencyNotFound,

    /// <summary>The agency has no key with that id.</summary>
    KeyNotFound,

    /// <summary>The key is the agency's last one: deleting it would lock the agency out.</summary>
    LastKey,

    /// <summary>The agency already holds as many keys as it may.</summary>
    TooManyKeys,
}
