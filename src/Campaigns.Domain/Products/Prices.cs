namespace Campaigns.Domain.Products;

/// <summary>What a product price may be.</summary>
public static class Prices
{
    /// <summary>No single short-video product costs more than this; larger amounts are typing mistakes.</summary>
    public const decimal MaxAmount = 10_000_000m;

    /// <summary>Minor units: no currency in use has more than four decimal places.</summary>
    public const int MaxDecimals = 4;

    /// <summary>True when the amount is a plausible price.</summary>
    public static bool IsPlausible(decimal amount) =>
        amount >= 0 && amount <= MaxAmount && decimal.Round(amount, MaxDecimals) == amount;
}
