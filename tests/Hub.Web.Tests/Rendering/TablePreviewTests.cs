using Hub.Web.Rendering;

namespace Hub.Web.Tests.Rendering;

public sealed class TablePreviewTests
{
    [Fact]
    public void Csv_with_quotes_commas_and_line_breaks_parses_into_rows()
    {
        var table = TablePreview.For("train.csv", "text,label\n\"a, b\",1\n\"say \"\"hi\"\"\",0\n\"two\nlines\",1\n")!.Value;
        Assert.Equal(["text", "label"], table.Header);
        Assert.Equal(["a, b", "1"], table.Rows[0]);
        Assert.Equal(["say \"hi\"", "0"], table.Rows[1]);
        Assert.Equal(["two\nlines", "1"], table.Rows[2]);
    }

    [Fact]
    public void Json_lines_take_the_union_of_keys_and_stop_at_a_cut_line()
    {
        var table = TablePreview.For("d.jsonl", "{\"a\": 1, \"b\": \"x\"}\n{\"a\": 2, \"c\": [1]}\n{\"a\": 3, \"b\"")!.Value;
        Assert.Equal(["a", "b", "c"], table.Header);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(["2", "", "[1]"], table.Rows[1]);
    }

    [Fact]
    public void Only_the_first_rows_are_kept_and_other_files_have_no_table()
    {
        var csv = "n\n" + string.Join('\n', Enumerable.Range(0, 100));
        Assert.Equal(TablePreview.MaxRows, TablePreview.For("x.csv", csv)!.Value.Rows.Count);
        Assert.Null(TablePreview.For("x.txt", "a,b"));
    }
}
