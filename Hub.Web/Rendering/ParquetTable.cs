namespace Hub.Web.Rendering;

/// <summary>The first rows of a Parquet file: column names, rows of cell texts, and the file's row count.</summary>
public sealed record ParquetTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, long TotalRows);
