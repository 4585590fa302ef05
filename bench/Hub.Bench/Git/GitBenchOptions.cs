using System.Globalization;

namespace Hub.Bench.Git;

/// <summary>Sizes of the git benchmark: <c>--commits N --mb N --lfs-mb N --runs N</c> (0 commits or 0 LFS MB skips that part).</summary>
public sealed record GitBenchOptions(int Commits, int HistoryMb, int LfsMb, int Runs)
{
    public const string Usage = "git [--commits 2000] [--mb 200] [--lfs-mb 1024] [--runs 3]   git clone and git lfs pull through the hub vs git daemon / a direct S3 GET";

    public static GitBenchOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new GitBenchOptions(2000, 200, 1024, 3);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return null;
            options = args[i] switch
            {
                "--commits" => options with { Commits = value },
                "--mb" => options with { HistoryMb = value },
                "--lfs-mb" => options with { LfsMb = value },
                "--runs" when value > 0 => options with { Runs = value },
                _ => null,
            };
            if (options is null) return null;
        }
        return options;
    }
}
