namespace Campaigns.Domain.Outbound;

/// <summary>
/// The switch of the outbound address rule, bound from <c>Campaigns:Outbound</c>. Read both where URLs are accepted
/// (a literal private address is refused at once) and where calls are made (a name is checked when it is resolved).
/// </summary>
public sealed class OutboundOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Campaigns:Outbound";

    /// <summary>
    /// When true, calls may reach loopback and private addresses: for tests and a local demo whose publisher runs on
    /// the same machine. Never on a shared deployment. Default false.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }
}
