namespace Campaigns.Grains.Abstractions.Common;

/// <summary>Why a command was refused; the gateway maps each kind to one HTTP status.</summary>
[GenerateSerializer]
public enum ErrorKind
{
    /// <summary>The entity does not exist for this agency (404).</summary>
    NotFound,

    /// <summary>The entity's state forbids the command (409).</summary>
    Conflict,

    /// <summary>A field is invalid given the entity's state (400).</summary>
    Invalid,

    /// <summary>Valid, but cannot be carried out (422).</summary>
    Unprocessable,

    /// <summary>The caller could not prove who it is, e.g. a bad callback signature (401).</summary>
    Unauthorized,
}
