using Parquet;
using Parquet.Schema;

namespace Hub.Web.Tests.Infrastructure;

/// <summary>Parquet files written by the tests with Parquet.Net: several row groups of (id, text, score) rows.</summary>
public static class ParquetFiles
{
    public static string Text(int id) => $"row {id} " + new string((char)('a' + id % 26), 10) + Guid.NewGuid().ToString("N");

    /// <summary><paramref name="groups"/> row groups of <paramref name="rowsPerGroup"/> rows, ids counting from 0.</summary>
    public static async Task<byte[]> WriteAsync(int groups, int rowsPerGroup)
    {
        var id = new DataField<int>("id");
        var text = new DataField<string>("text");
        var score = new DataField<double>("score");
        using var output = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, text, score), output))
        {
            for (var g = 0; g < groups; g++)
            {
                using var group = writer.CreateRowGroup();
                var ids = Enumerable.Range(g * rowsPerGroup, rowsPerGroup).ToArray();
                await group.WriteAsync<int>(id, ids);
                await group.WriteAsync(text, ids.Select(Text).ToList());
                await group.WriteAsync<double>(score, ids.Select(i => i / 4.0).ToArray());
            }
        }
        return output.ToArray();
    }
}
