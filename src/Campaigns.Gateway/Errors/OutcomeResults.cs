using Campaigns.Grains.Abstractions.Common;
using Microsoft.AspNetCore.Http;

namespace Campaigns.Gateway.Errors;

/// <summary>Maps a command's outcome to HTTP: its value on success, otherwise the problem for its error kind.</summary>
public static class OutcomeResults
{
    /// <summary>200 with the value, or the refusal's problem.</summary>
    public static IResult ToOk<T>(this Outcome<T> outcome) =>
        outcome.Error is null ? TypedResults.Ok(outcome.Value) : Problem(outcome.Error);

    /// <summary>201 with the value and its location, or the refusal's problem.</summary>
    public static IResult ToCreated<T>(this Outcome<T> outcome, Func<T, string> location) =>
        outcome.Error is null ? TypedResults.Created(location(outcome.Value!), outcome.Value) : Problem(outcome.Error);

    /// <summary>201 with the value, for resources that have no address of their own to point to.</summary>
    public static IResult ToCreated<T>(this Outcome<T> outcome) =>
        outcome.Error is null ? TypedResults.Created((string?)null, outcome.Value) : Problem(outcome.Error);

    /// <summary>202 with the value, or the refusal's problem.</summary>
    public static IResult ToAccepted<T>(this Outcome<T> outcome) =>
        outcome.Error is null ? TypedResults.Accepted((string?)null, outcome.Value) : Problem(outcome.Error);

    /// <summary>202 with the value and its location, or the refusal's problem.</summary>
    public static IResult ToAccepted<T>(this Outcome<T> outcome, Func<T, string> location) =>
        outcome.Error is null ? TypedResults.Accepted(location(outcome.Value!), outcome.Value) : Problem(outcome.Error);

    /// <summary>The problem response for a refusal.</summary>
    public static IResult Problem(CommandError error) => error.Kind switch
    {
        ErrorKind.NotFound => TypedResults.Problem(error.Message, statusCode: 404, title: "Not found"),
        ErrorKind.Conflict => TypedResults.Problem(error.Message, statusCode: 409, title: "Conflict"),
        ErrorKind.Unprocessable => TypedResults.Problem(error.Message, statusCode: 422, title: "Cannot be carried out"),
        ErrorKind.Unauthorized => TypedResults.Problem(error.Message, statusCode: 401, title: "Not authenticated"),
        _ => TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [error.Field ?? "request"] = [error.Message] },
            title: "The request is invalid"),
    };
}
