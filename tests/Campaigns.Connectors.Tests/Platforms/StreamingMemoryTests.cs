using Campaigns.Connectors.Platforms;
using Campaigns.Connectors.Platforms.TikTok;
using Campaigns.PlatformFakes.TikTok;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Campaigns.Connectors.Tests.Platforms;

/// <summary>Runs alone: it measures the whole process's allocations.</summary>
[Collection(nameof(StreamingMemoryTests))]
public sealed class StreamingMemoryTests(ITestOutputHelper output)
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task A_210_MiB_upload_allocates_less_than_one_chunk_in_the_whole_process()
    {
        // Guard: ChunkContent copies media to the request through one pooled 64 KiB buffer (MediaStream.Next hands the
        // body through); a chunk-sized array per chunk instead allocated 225,124,496 bytes here (tried).
        const long chunk = 16 * MiB;
        const long size = 210 * MiB + 4321;
        await using var rig = await PlatformRig<TikTokFake>.StartAsync("TikTok", c => new TikTokFake(c), new Dictionary<string, string?> { ["ChunkBytes"] = chunk.ToString() });
        var connector = rig.Services.GetRequiredService<TikTokConnector>();
        var credentials = rig.Connect(rig.Services.GetRequiredService<TikTokOAuth>(), "creator-big");
        var post = new PlatformPost("psh_big", rig.Media.Video(size), null, "Big one", [], 60);
        var begun = await connector.BeginAsync(post, PlatformCredential.From(credentials.Tokens), default); // warms the clients
        var sampler = new HeapSampler();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var step = await connector.ContinueAsync(begun.Handle!, post, PlatformCredential.From(credentials.Tokens), sampler, default);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"uploaded {size:N0} bytes in {size / chunk} chunks of {chunk:N0}: allocated {allocated:N0} bytes in the process; " +
                         $"managed heap grew at most {Math.Max(0, sampler.Peak - heapBefore):N0} bytes");
        Assert.Equal(PublishStepKind.Wait, step.Kind);
        Assert.Equal(size, rig.Fake.Counters.UploadedBytes);
        Assert.True(allocated < chunk, $"allocated {allocated:N0} bytes, one chunk is {chunk:N0}");
    }

    /// <summary>Notes the managed heap's size each time upload progress is reported (every 64 KiB sent).</summary>
    private sealed class HeapSampler : IProgress<long>
    {
        public long Peak { get; private set; }

        public void Report(long value) => Peak = Math.Max(Peak, GC.GetTotalMemory(false));
    }
}

/// <summary>Keeps the memory measurement away from tests running in parallel.</summary>
[CollectionDefinition(nameof(StreamingMemoryTests), DisableParallelization = true)]
public sealed class StreamingMemoryCollection;
