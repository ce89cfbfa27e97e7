namespace Campaigns.Gateway.Auth;

/// <summary>The admin key in force for this process (configured, or generated on first start of the embedded default).</summary>
public sealed record AdminKey(string Value);
