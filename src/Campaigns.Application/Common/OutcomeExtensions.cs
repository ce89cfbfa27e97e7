using Campaigns.Grains.Abstractions.Common;

namespace Campaigns.Application.Common;

/// <summary>Helpers over <see cref="Outcome{T}"/>.</summary>
public static class OutcomeExtensions
{
    /// <summary>Maps the value of a successful outcome; a refusal passes through.</summary>
    public static Outcome<TOut> Map<TIn, TOut>(this Outcome<TIn> outcome, Func<TIn, TOut> map) =>
        outcome.Value is { } value && outcome.Error is null ? Outcome<TOut>.Ok(map(value)) : new Outcome<TOut>(default, outcome.Error);
}
