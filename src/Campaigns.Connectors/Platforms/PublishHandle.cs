using Campaigns.Domain.Accounts;

namespace Campaigns.Connectors.Platforms;

/// <summary>
/// The correlation handle of one publish: what the caller stores on the push before the next step, and all a
/// connector needs to find the publish again. Flat strings, so the caller can persist it as it likes.
/// </summary>
/// <param name="Type">The connector that issued it.</param>
/// <param name="Stage">Where the publish was when the handle was issued (each connector names its stages).</param>
/// <param name="Id">The platform's id: TikTok publish_id, YouTube session URI, Instagram container id, Douyin upload
/// or video id, Kuaishou upload token.</param>
/// <param name="Detail">A second value some stages need (TikTok's upload URL, Kuaishou's upload endpoint).</param>
/// <param name="Size">The video's size in bytes, for uploads.</param>
/// <param name="ChunkSize">The bytes per chunk the platform was told, so a resumed upload cuts the same chunks.</param>
public sealed record PublishHandle(
    ConnectorType Type, string Stage, string Id, string? Detail = null, long? Size = null, long? ChunkSize = null);
