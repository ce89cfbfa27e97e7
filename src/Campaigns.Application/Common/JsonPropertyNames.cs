using System.Linq.Expressions;
using System.Reflection;
using FluentValidation;
using FluentValidation.Internal;

namespace Campaigns.Application.Common;

/// <summary>
/// Makes FluentValidation name fields the way clients wrote them (camelCase JSON paths such as
/// <c>caps.quietHours.from</c>), so a 400's <c>errors</c> map points at the field in the request body.
/// </summary>
public static class JsonPropertyNames
{
    /// <summary>Installs the resolver once per process.</summary>
    public static void Install()
    {
        ValidatorOptions.Global.PropertyNameResolver = Resolve;
        ValidatorOptions.Global.DisplayNameResolver = (_, member, expression) => Resolve(null!, member, expression);
    }

    private static string? Resolve(Type type, MemberInfo? member, LambdaExpression? expression)
    {
        if (expression is not null)
        {
            var chain = PropertyChain.FromExpression(expression);
            if (chain.Count > 0)
            {
                return string.Join('.', chain.ToString().Split('.').Select(Camel));
            }
        }
        return member is null ? null : Camel(member.Name);
    }

    /// <summary>camelCase of one member name.</summary>
    public static string Camel(string name) =>
        string.IsNullOrEmpty(name) || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
