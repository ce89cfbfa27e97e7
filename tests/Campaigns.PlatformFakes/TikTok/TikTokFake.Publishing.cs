using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Campaigns.PlatformFakes.TikTok;

public sealed partial class TikTokFake
{
    private async Task<IResult> Init(HttpContext context)
    {
        if ((Gate(context, "init", out var user) ?? OverInitLimit(context, user)) is { } refused)
        {
            return refused;
        }
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var privacy = body?["post_info"]?["privacy_level"]?.GetValue<string>();
        if (privacy is null || !Accounts.User(user).PrivacyLevels.Contains(privacy))
        {
            return Error(400, "privacy_level_option_mismatch", "privacy_level is not one of the creator's options");
        }
        var text = body?["post_info"]?["title"]?.GetValue<string>() ?? "";
        var source = body?["source_info"];
        var id = "v_pub_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        IResult answer;
        if (source?["source"]?.GetValue<string>() == "PULL_FROM_URL")
        {
            var url = source["video_url"]?.GetValue<string>() ?? "";
            if (!VerifiedPrefixes.Any(p => url.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                return Error(403, "url_ownership_unverified", "The video_url's domain or prefix is not verified.");
            }
            var publish = new TikTokPublish(id, user, text, "PULL_FROM_URL", 0, 0, 0, "");
            _publishes[id] = publish;
            Complete(publish);
            answer = Ok(new JsonObject { ["publish_id"] = id });
        }
        else
        {
            var size = source?["video_size"]?.GetValue<long>() ?? 0;
            var chunk = source?["chunk_size"]?.GetValue<long>() ?? 0;
            var count = source?["total_chunk_count"]?.GetValue<int>() ?? 0;
            if (ChunkProblem(size, chunk, count) is { } problem)
            {
                return Error(400, "invalid_params", problem);
            }
            var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            _publishes[id] = new TikTokPublish(id, user, text, "FILE_UPLOAD", size, chunk, count, token);
            answer = Ok(new JsonObject { ["publish_id"] = id, ["upload_url"] = Url($"upload/{id}?upload_token={token}").AbsoluteUri });
        }
        Counters.Add("init-ok");
        if (context.Items.ContainsKey("drop"))
        {
            DropAnswer(context);
        }
        return answer;
    }

    private async Task<IResult> Upload(HttpContext context, string publishId)
    {
        Counters.Add("upload");
        if (Publish(publishId) is not { } publish || context.Request.Query["upload_token"] != publish.UploadToken)
        {
            return Results.NotFound();
        }
        var fault = Faults.Take("upload");
        if (fault is not null && Refusal(fault) is { } refused)
        {
            return refused;
        }
        var index = publish.ChunksReceived;
        if (!ContentRangeHeaderValue.TryParse(context.Request.Headers.ContentRange.ToString(), out var range)
            || range.From != publish.StartOf(index) || range.To != publish.StartOf(index) + publish.LengthOf(index) - 1 || range.Length != publish.Size)
        {
            return Error(416, "invalid_params", $"Chunks must arrive in order; expected chunk {index} of {publish.ChunkCount}.");
        }
        var stopAfter = fault?.Kind == FaultKind.Interrupt ? fault.AfterBytes : (long?)null;
        var (received, intact) = await MediaPattern.ReceiveAsync(context.Request.Body, range.From!.Value, stopAfter, context.RequestAborted);
        if (stopAfter is not null)
        {
            DropAnswer(context);
            return Results.Empty;
        }
        if (received != publish.LengthOf(index) || !intact)
        {
            return Error(400, "invalid_file_upload", $"Chunk {index} had {received} bytes (intact: {intact}).");
        }
        Counters.Add("upload-bytes", received);
        var last = publish.Accept(received);
        if (last)
        {
            Complete(publish);
        }
        if (fault?.Kind == FaultKind.DropAnswer)
        {
            DropAnswer(context);
        }
        return Results.StatusCode(last ? StatusCodes.Status201Created : StatusCodes.Status206PartialContent);
    }

    private async Task<IResult> Status(HttpContext context)
    {
        if (Gate(context, "status", out var user) is { } refused)
        {
            return refused;
        }
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var id = body?["publish_id"]?.GetValue<string>() ?? "";
        if (Publish(id) is not { } publish || publish.UserId != user)
        {
            return Error(400, "invalid_params", "Unknown publish_id.");
        }
        var data = new JsonObject { ["uploaded_bytes"] = publish.UploadedBytes, ["downloaded_bytes"] = 0 };
        if (publish.CompletedAt is not { } completed)
        {
            data["status"] = "PROCESSING_UPLOAD";
        }
        else if (publish.FailReason is { } reason)
        {
            data["status"] = "FAILED";
            data["fail_reason"] = reason;
        }
        else if (Clock.GetUtcNow() < completed + Faults.ProcessingTime)
        {
            data["status"] = publish.Source == "PULL_FROM_URL" ? "PROCESSING_DOWNLOAD" : "PROCESSING_UPLOAD";
        }
        else
        {
            data["status"] = "PUBLISH_COMPLETE";
            data["publicaly_available_post_id"] = new JsonArray(publish.PostId);
        }
        return Ok(data);
    }

    private void Complete(TikTokPublish publish)
    {
        var now = Clock.GetUtcNow();
        if (Faults.FailProcessing is { } reason)
        {
            publish.Complete(now, null, reason);
            return;
        }
        publish.Complete(now, Posts.Create(publish.Id, publish.UserId, publish.Text, publish.Size).Id, null);
    }

    /// <summary>TikTok's chunk rules (media transfer guide), or null when the plan follows them.</summary>
    private static string? ChunkProblem(long size, long chunk, int count)
    {
        if (size <= 0 || chunk <= 0 || count is < 1 or > 1000)
        {
            return "video_size, chunk_size and total_chunk_count (1..1000) are required";
        }
        if (chunk == size && count == 1)
        {
            return size > MaxChunk ? "Videos over 64 MB must be sent in several chunks." : null;
        }
        if (chunk < MinChunk || chunk > MaxChunk)
        {
            return "chunk_size must be between 5 MB and 64 MB.";
        }
        if (count != size / chunk)
        {
            return string.Create(CultureInfo.InvariantCulture, $"total_chunk_count must be video_size / chunk_size rounded down ({size / chunk}).");
        }
        return size - (count - 1) * chunk > 128L * 1024 * 1024 ? "The last chunk may not exceed 128 MB." : null;
    }
}
