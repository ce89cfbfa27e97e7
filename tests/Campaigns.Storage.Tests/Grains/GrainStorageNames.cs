namespace Campaigns.Storage.Tests.Grains;

/// <summary>Names of the grain storage providers registered by the test silos.</summary>
public static class GrainStorageNames
{
    /// <summary>ADO.NET storage that keeps a cleared grain's row (the default behaviour).</summary>
    public const string Store = "store";

    /// <summary>ADO.NET storage with DeleteStateOnClear, exercising the optional DeleteStorageKey.</summary>
    public const string DeletingStore = "store-delete";
}
