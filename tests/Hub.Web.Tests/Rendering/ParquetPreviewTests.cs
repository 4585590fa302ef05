using Hub.Web.Rendering;
using Hub.Web.Tests.Infrastructure;

namespace Hub.Web.Tests.Rendering;

public sealed class ParquetPreviewTests
{
    [Fact]
    public async Task Preview_reads_the_footer_and_the_first_row_group_only()
    {
        var file = await ParquetFiles.WriteAsync(groups: 4, rowsPerGroup: 5000);
        var reads = new List<(long Offset, int Count)>();

        var table = await ParquetPreview.ReadAsync(file.Length, (offset, count, _) =>
        {
            reads.Add((offset, count));
            return Task.FromResult(file.AsSpan((int)offset, count).ToArray());
        }, CancellationToken.None);

        Assert.Equal(["id", "text", "score"], table.Header);
        Assert.Equal(20_000, table.TotalRows);
        Assert.Equal(TablePreview.MaxRows, table.Rows.Count);
        Assert.Equal(["0", "1", "2"], table.Rows.Take(3).Select(r => r[0]));
        Assert.StartsWith("row 1 bbbbbbbbbb", table.Rows[1][1], StringComparison.Ordinal);
        Assert.Equal("0.75", table.Rows[3][2]);
        Assert.Equal(2, reads.Count);
        Assert.True(reads.Sum(r => r.Count) < file.Length / 2, $"read {reads.Sum(r => r.Count)} of {file.Length} bytes");
    }

    [Fact]
    public async Task A_file_that_is_not_parquet_is_refused_with_a_reason()
    {
        var file = "id,text\n1,not parquet at all\n"u8.ToArray();
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            ParquetPreview.ReadAsync(file.Length, (offset, count, _) => Task.FromResult(file.AsSpan((int)offset, count).ToArray()), CancellationToken.None));
        Assert.Contains("Parquet", error.Message, StringComparison.Ordinal);
    }
}
