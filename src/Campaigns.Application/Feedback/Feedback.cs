using System.Text.Json;
using System.Text.Json.Serialization;
using Campaigns.Application.Campaigns;
using Campaigns.Application.Common;
using Campaigns.Domain.Accounts;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Feedback;
using Campaigns.Storage.Accounts;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Pushes;
using Campaigns.Storage.Vault;
using FluentValidation;
using Mediator;

namespace Campaigns.Application.Feedback;

/// <summary>What recording a snapshot did.</summary>
public sealed record MetricsReceiptView(string PushId, bool Applied, DateTimeOffset At, MetricsView Metrics)
{
    public static MetricsReceiptView From(string pushId, MetricsReceipt r) => new(pushId, r.Applied, r.Latest.At,
        new MetricsView(r.Latest.Views, r.Latest.Likes, r.Latest.Comments, r.Latest.Shares, r.Latest.Clicks, r.Latest.Orders, r.Latest.Gmv));
}

/// <summary>A cumulative engagement snapshot as clients and platforms send it.</summary>
public record MetricsInput(string? At, long? Views, long? Likes, long? Comments, long? Shares, long? Clicks, long? Orders, decimal? Gmv)
{
    public MetricsSnapshot ToSnapshot()
    {
        CreateCampaignValidator.TryParseInstant(At!, out var at);
        return new MetricsSnapshot(at, Views ?? 0, Likes ?? 0, Comments ?? 0, Shares ?? 0, Clicks ?? 0, Orders ?? 0, Gmv ?? 0);
    }
}

/// <summary>
/// Validates a snapshot: an instant with an offset, not in the future, and every counter between 0 and
/// <see cref="MaxCounter"/>.
/// </summary>
public sealed class MetricsInputRules<T> : AbstractValidator<T> where T : MetricsInput
{
    /// <summary>How far ahead of our clock a snapshot may be stamped (clock skew between platforms and us).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The largest counter (and GMV) a snapshot may carry: far above any real post, and low enough that sums over
    /// millions of pushes stay within a 64-bit integer (see docs/architecture.md, roll-ups).
    /// </summary>
    public const long MaxCounter = 1_000_000_000_000;

    public MetricsInputRules(TimeProvider clock)
    {
        RuleFor(m => m.At).NotEmpty()
            .Must(a => a is null || CreateCampaignValidator.TryParseInstant(a, out _)).WithMessage("Must be an ISO-8601 instant with an offset.")
            .Must(a => a is null || !CreateCampaignValidator.TryParseInstant(a, out var at) || at <= clock.GetUtcNow() + FutureTolerance)
            .WithMessage("Must not be in the future.");
        RuleFor(m => m.Views).InclusiveBetween(0, MaxCounter);
        RuleFor(m => m.Likes).InclusiveBetween(0, MaxCounter);
        RuleFor(m => m.Comments).InclusiveBetween(0, MaxCounter);
        RuleFor(m => m.Shares).InclusiveBetween(0, MaxCounter);
        RuleFor(m => m.Clicks).InclusiveBetween(0, MaxCounter);
        RuleFor(m => m.Orders).InclusiveBetween(0, MaxCounter);
        RuleFor(m => m.Gmv).InclusiveBetween(0m, MaxCounter);
    }
}

/// <summary>Record an engagement snapshot for a push (<c>POST /v1/pushes/{id}/metrics</c>).</summary>
public sealed record RecordPushMetrics(string? At, long? Views, long? Likes, long? Comments, long? Shares, long? Clicks, long? Orders, decimal? Gmv)
    : MetricsInput(At, Views, Likes, Comments, Shares, Clicks, Orders, Gmv), ICommand<Outcome<MetricsReceiptView>>
{
    [JsonIgnore]
    public string AgencyId { get; init; } = "";

    [JsonIgnore]
    public string PushId { get; init; } = "";
}

public sealed class RecordPushMetricsValidator : AbstractValidator<RecordPushMetrics>
{
    public RecordPushMetricsValidator(TimeProvider clock) => Include(new MetricsInputRules<RecordPushMetrics>(clock));
}

public sealed class RecordPushMetricsHandler(IMetricsRecorder recorder) : ICommandHandler<RecordPushMetrics, Outcome<MetricsReceiptView>>
{
    public async ValueTask<Outcome<MetricsReceiptView>> Handle(RecordPushMetrics command, CancellationToken cancellationToken)
    {
        if (!Domain.Common.Ids.HasShape(command.PushId, "psh"))
        {
            return EntityLookup.NotFound<MetricsReceiptView>("Push", command.PushId);
        }
        var outcome = await recorder.RecordAsync(command.AgencyId, command.PushId, command.ToSnapshot());
        return outcome.Map(r => MetricsReceiptView.From(command.PushId, r));
    }
}

/// <summary>
/// A platform callback (<c>POST /v1/webhooks/{connector}</c>): a snapshot for the push named by the idempotency key
/// we published it with, signed with the account's webhook secret over <c>timestamp + "." + body</c>.
/// </summary>
public sealed record WebhookCallback(string Connector, string? Timestamp, string? Signature, byte[] Body) : ICommand<Outcome<MetricsReceiptView>>
{
    /// <summary>The request header carrying the signature.</summary>
    public const string SignatureHeader = WebhookSignature.SignatureHeader;

    /// <summary>The request header carrying the Unix time in seconds that the signature covers.</summary>
    public const string TimestampHeader = WebhookSignature.TimestampHeader;
}

/// <summary>The body of a platform callback.</summary>
public sealed record WebhookCallbackBody(string? IdempotencyKey, string? At, long? Views, long? Likes, long? Comments, long? Shares, long? Clicks, long? Orders, decimal? Gmv)
    : MetricsInput(At, Views, Likes, Comments, Shares, Clicks, Orders, Gmv);

/// <summary>
/// Checks a callback entirely from storage (the push's row for its account, the account's row for the secret) and
/// reaches ingestion only for a callback that is signed, fresh and addressed to a push that exists: a forged one costs
/// two indexed reads and activates nothing.
/// </summary>
public sealed class WebhookCallbackHandler(IMetricsRecorder recorder, PushQueries pushes, AccountStore accounts, AccountSecrets secrets, TimeProvider clock)
    : ICommandHandler<WebhookCallback, Outcome<MetricsReceiptView>>
{
    /// <summary>A callback stamped further than this from our clock is refused, so a captured request cannot be replayed later.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    private readonly MetricsInputRules<WebhookCallbackBody> _rules = new(clock);

    public async ValueTask<Outcome<MetricsReceiptView>> Handle(WebhookCallback command, CancellationToken cancellationToken)
    {
        var unauthorized = Outcome<MetricsReceiptView>.Fail(ErrorKind.Unauthorized, "The signature or its timestamp is not valid.");
        if (command.Connector != "webhook")
        {
            return Outcome<MetricsReceiptView>.Fail(ErrorKind.NotFound, $"No callbacks are taken for connector '{command.Connector}'.");
        }
        if (string.IsNullOrEmpty(command.Signature) || !WebhookSignature.IsFresh(command.Timestamp, clock.GetUtcNow(), Tolerance))
        {
            return unauthorized;
        }
        var body = Parse(command.Body);
        var key = body?.IdempotencyKey?.Split(':', 2);
        if (key is not [var agencyId, var pushId] || await pushes.GetAsync(agencyId, pushId, cancellationToken) is not { } push)
        {
            return unauthorized; // say nothing about which pushes exist to an unauthenticated caller
        }
        var secret = secrets.Reveal(agencyId, push.AccountId, await accounts.FindConnectorSecretAsync(agencyId, push.AccountId, cancellationToken));
        if (secret is not { Length: > 0 } || !WebhookSignature.Verify(secret, command.Timestamp, command.Body, command.Signature))
        {
            return unauthorized;
        }
        var invalid = _rules.Validate(body!);
        if (!invalid.IsValid)
        {
            throw new RequestValidationException(invalid.Errors.GroupBy(e => e.PropertyName)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()));
        }
        var outcome = await recorder.RecordAsync(agencyId, pushId, body!.ToSnapshot());
        return outcome.Map(r => MetricsReceiptView.From(pushId, r));
    }

    private static WebhookCallbackBody? Parse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<WebhookCallbackBody>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
