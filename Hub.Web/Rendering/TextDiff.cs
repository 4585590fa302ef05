namespace Hub.Web.Rendering;

/// <summary>
/// A line diff (longest common subsequence, Myers' greedy algorithm) grouped into hunks with context lines, for the
/// commit page. Inputs beyond <see cref="MaxLines"/> lines are not diffed.
/// </summary>
public static class TextDiff
{
    public const int MaxLines = 20_000;
    private const int Context = 3;

    public static IReadOnlyList<DiffHunk> Compute(string? before, string? after)
    {
        var a = SplitLines(before);
        var b = SplitLines(after);
        var ops = Diff(a, b);
        var hunks = new List<DiffHunk>();
        var i = 0;
        while (i < ops.Count)
        {
            if (ops[i].Kind == DiffKind.Same) { i++; continue; }
            var start = Math.Max(0, i - Context);
            var end = i;
            while (end < ops.Count)
            {
                if (ops[end].Kind != DiffKind.Same) { end++; continue; }
                var run = end;
                while (run < ops.Count && ops[run].Kind == DiffKind.Same) run++;
                if (run - end > 2 * Context || run == ops.Count) { end = Math.Min(ops.Count, end + Context); break; }
                end = run;
            }
            var lines = ops.GetRange(start, end - start);
            hunks.Add(new DiffHunk(lines.FirstOrDefault(l => l.OldNumber > 0)?.OldNumber ?? 0, lines.FirstOrDefault(l => l.NewNumber > 0)?.NewNumber ?? 0, lines));
            i = end;
        }
        return hunks;
    }

    private static string[] SplitLines(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return lines.Length > 1 && lines[^1].Length == 0 ? lines[..^1] : lines;
    }

    /// <summary>Past this many differences the diff is reported as a whole replacement (memory grows with its square).</summary>
    private const int MaxDifferences = 2000;

    private static List<DiffLine> Diff(string[] a, string[] b)
    {
        var n = a.Length;
        var m = b.Length;
        if (n + m > MaxLines) return Replacement(a, b);
        var max = n + m;
        var v = new int[2 * max + 2];
        // trace[d] holds v[-d..d] as it was before round d.
        var trace = new List<int[]>();
        for (var d = 0; d <= Math.Min(max, MaxDifferences); d++)
        {
            var snapshot = new int[2 * d + 1];
            Array.Copy(v, max - d, snapshot, 0, 2 * d + 1);
            trace.Add(snapshot);
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y]) { x++; y++; }
                v[max + k] = x;
                if (x >= n && y >= m) return Backtrack(trace, a, b);
            }
        }
        return Replacement(a, b);
    }

    private static List<DiffLine> Replacement(string[] a, string[] b) =>
        [.. a.Select((line, i) => new DiffLine(DiffKind.Removed, line, i + 1, 0)), .. b.Select((line, i) => new DiffLine(DiffKind.Added, line, 0, i + 1))];

    private static List<DiffLine> Backtrack(List<int[]> trace, string[] a, string[] b)
    {
        var result = new List<DiffLine>();
        int x = a.Length, y = b.Length;
        for (var d = trace.Count - 1; d >= 0 && (x > 0 || y > 0); d--)
        {
            var v = trace[d];
            int At(int k) => v[k + d];
            var k = x - y;
            var prevK = k == -d || (k != d && At(k - 1) < At(k + 1)) ? k + 1 : k - 1;
            var prevX = d == 0 ? 0 : At(prevK);
            var prevY = prevX - prevK;
            while (x > prevX && y > prevY)
            {
                result.Add(new DiffLine(DiffKind.Same, a[x - 1], x, y));
                x--;
                y--;
            }
            if (d == 0) break;
            if (x == prevX) result.Add(new DiffLine(DiffKind.Added, b[y - 1], 0, y));
            else result.Add(new DiffLine(DiffKind.Removed, a[x - 1], x, 0));
            x = prevX;
            y = prevY;
        }
        result.Reverse();
        return result;
    }
}
