namespace Campaigns.Benchmarks.Infrastructure;

/// <summary>Where the repository and the built Release host are.</summary>
public sealed record HostBinary(string RepoRoot, string DllPath)
{
    public const string RelativeDll = "src/Campaigns.Host/bin/Release/net10.0/Campaigns.Host.dll";

    /// <summary>CAMPAIGNS_BENCH_REPO, else the first parent of this binary holding Campaigns.sln.</summary>
    public static HostBinary Locate()
    {
        var root = Environment.GetEnvironmentVariable("CAMPAIGNS_BENCH_REPO");
        if (string.IsNullOrEmpty(root))
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Campaigns.sln")))
                {
                    root = dir.FullName;
                    break;
                }
            }
        }
        if (string.IsNullOrEmpty(root))
        {
            throw new BenchmarkFailedException("Cannot find the repository root (no Campaigns.sln above the binary); set CAMPAIGNS_BENCH_REPO.");
        }
        var dll = Path.Combine(root, RelativeDll);
        if (!File.Exists(dll))
        {
            throw new BenchmarkFailedException($"{dll} is missing: build Release first (run.sh does).");
        }
        return new HostBinary(root, dll);
    }
}
