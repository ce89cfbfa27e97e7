namespace Campaigns.Storage.Tests;

/// <summary>
/// The OrleansQuery keys each Orleans 10.4.2 ADO.NET provider we use refuses to start without. (Migration 0004 also
/// stores the reminder provider's queries; it stays as applied history, but reminders are not used.)
/// </summary>
public static class OrleansQueryKeys
{
    public static readonly string[] Persistence = ["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey"];

    public static readonly string[] Clustering =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey",
    ];
}
