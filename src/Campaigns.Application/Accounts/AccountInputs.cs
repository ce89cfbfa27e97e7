namespace Campaigns.Application.Accounts;

/// <summary>Quiet hours as clients send them: local "HH:mm" times.</summary>
public sealed record QuietHoursInput(string? From, string? To);

/// <summary>Posting caps as clients send them.</summary>
public sealed record CapsInput(int? MaxPostsPerDay, int? MinGapMinutes, QuietHoursInput? QuietHours);

/// <summary>A connector as clients send it; <c>secret</c> is write-only.</summary>
public sealed record ConnectorInput(string? Type, string? Url, string? Secret);
