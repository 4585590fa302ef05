using Hub.Web.Rendering;

namespace Hub.Web.Tests.Rendering;

public sealed class TextDiffTests
{
    [Fact]
    public void Changed_line_shows_as_removed_then_added_with_context_and_numbers()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"line {i}")) + "\n";
        var after = before.Replace("line 10\n", "line ten\n", StringComparison.Ordinal);
        var hunk = Assert.Single(TextDiff.Compute(before, after));
        Assert.Equal(7, hunk.OldStart);
        Assert.Equal(["line 7", "line 8", "line 9", "-line 10", "+line ten", "line 11", "line 12", "line 13"], hunk.Lines.Select(Show));
        var removed = Assert.Single(hunk.Lines, l => l.Kind == DiffKind.Removed);
        Assert.Equal((10, 0), (removed.OldNumber, removed.NewNumber));
        var added = Assert.Single(hunk.Lines, l => l.Kind == DiffKind.Added);
        Assert.Equal((0, 10), (added.OldNumber, added.NewNumber));
    }

    [Fact]
    public void Distant_changes_make_separate_hunks_and_near_ones_merge()
    {
        var before = Enumerable.Range(1, 40).Select(i => $"l{i}").ToList();
        var after = before.ToList();
        after[1] = "changed 2";
        after[4] = "changed 5";
        after[35] = "changed 36";
        var hunks = TextDiff.Compute(string.Join('\n', before), string.Join('\n', after));
        Assert.Equal(2, hunks.Count);
        Assert.Equal(2, hunks[0].Lines.Count(l => l.Kind == DiffKind.Added));
        Assert.Single(hunks[1].Lines, l => l.Kind == DiffKind.Added);
    }

    [Fact]
    public void New_and_deleted_files_are_all_added_or_all_removed()
    {
        Assert.All(Assert.Single(TextDiff.Compute(null, "a\nb\n")).Lines, l => Assert.Equal(DiffKind.Added, l.Kind));
        Assert.All(Assert.Single(TextDiff.Compute("a\nb\n", "")).Lines, l => Assert.Equal(DiffKind.Removed, l.Kind));
        Assert.Empty(TextDiff.Compute("same\n", "same\n"));
    }

    [Fact]
    public void Applying_the_diff_to_the_old_text_gives_the_new_text()
    {
        var random = new Random(7);
        for (var round = 0; round < 50; round++)
        {
            var before = Enumerable.Range(0, random.Next(0, 60)).Select(_ => "w" + random.Next(0, 8)).ToList();
            var after = before.Where(_ => random.Next(0, 5) > 0).SelectMany(l => random.Next(0, 6) == 0 ? new[] { l, "new" + random.Next(0, 4) } : [l]).ToList();
            var lines = TextDiff.Compute(string.Join('\n', before), string.Join('\n', after)).SelectMany(h => h.Lines).ToList();
            var rebuilt = new List<string>();
            var oldIndex = 0;
            foreach (var line in lines)
            {
                var target = line.Kind == DiffKind.Added ? -1 : line.OldNumber - 1;
                while (target >= 0 && oldIndex < target) rebuilt.Add(before[oldIndex++]);
                if (line.Kind == DiffKind.Added) rebuilt.Add(line.Text);
                else if (line.Kind == DiffKind.Same) rebuilt.Add(before[oldIndex++]);
                else oldIndex++;
            }
            while (oldIndex < before.Count) rebuilt.Add(before[oldIndex++]);
            Assert.Equal(after, rebuilt);
        }
    }

    private static string Show(DiffLine line) => line.Kind switch
    {
        DiffKind.Added => "+" + line.Text,
        DiffKind.Removed => "-" + line.Text,
        _ => line.Text,
    };
}
