namespace Campaigns.Connectors;

/// <summary>How a publish attempt ended, which tells the caller what to do next.</summary>
public enum PublishOutcome
{
    /// <summary>The post exists (created now or by an earlier attempt with the same key).</summary>
    Published,

    /// <summary>Nothing was published and trying again later with the same key may succeed.</summary>
    TransientFailure,

    /// <summary>The platform refused the post; trying again will not help.</summary>
    TerminalFailure,

    /// <summary>The request may have been received but no answer came: look it up before retrying.</summary>
    Unknown,
}
