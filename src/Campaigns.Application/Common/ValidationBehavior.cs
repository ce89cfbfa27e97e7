using FluentValidation;
using Mediator;

namespace Campaigns.Application.Common;

/// <summary>
/// Runs every FluentValidation validator of a message before its handler; on failure throws
/// <see cref="RequestValidationException"/> so the handler — and therefore any state — is never touched.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private readonly IValidator<TMessage>[] _validators = validators.ToArray();

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (_validators.Length > 0)
        {
            var failures = new List<FluentValidation.Results.ValidationFailure>();
            foreach (var validator in _validators)
            {
                var result = await validator.ValidateAsync(message, cancellationToken);
                failures.AddRange(result.Errors);
            }
            if (failures.Count > 0)
            {
                throw new RequestValidationException(failures
                    .GroupBy(f => f.PropertyName, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal));
            }
        }
        return await next(message, cancellationToken);
    }
}
