using System.Diagnostics;

namespace Campaigns.Host.Telemetry;

/// <summary>
/// Carries the caller's trace into every grain call, recorded or not. Orleans' own propagation injects the trace only
/// from the client activity it starts for the call, and the SDK starts none under a span it does not record (the
/// sampler's drop is propagation only for a root or a remote parent), so without this the grain's side would begin a
/// trace of its own and its logs would lose the request's trace id. When Orleans does start a client activity, that
/// activity is the current one here too, so both write the same <c>traceparent</c>.
/// </summary>
internal sealed class TraceParentCarry : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id } current)
        {
            RequestContext.Set("traceparent", id);
            if (current.TraceStateString is { } state)
            {
                RequestContext.Set("tracestate", state);
            }
        }
        return context.Invoke();
    }
}
