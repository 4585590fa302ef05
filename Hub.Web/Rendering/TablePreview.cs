using System.Text;
using System.Text.Json;

namespace Hub.Web.Rendering;

/// <summary>The first rows of a CSV/TSV or JSON Lines file as a table (header + cells), for the dataset file viewer.</summary>
public static class TablePreview
{
    public const int MaxRows = 20;
    private const int MaxColumns = 30;
    private const int MaxCell = 300;

    /// <summary>A table for <c>.csv</c>, <c>.tsv</c>, <c>.jsonl</c> files; null for other files or when nothing parses.</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)? For(string path, string text) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => Delimited(text, ','),
            ".tsv" => Delimited(text, '\t'),
            ".jsonl" or ".ndjson" => JsonLines(text),
            _ => null,
        };

    private static (IReadOnlyList<string>, IReadOnlyList<IReadOnlyList<string>>)? Delimited(string text, char separator)
    {
        var records = ParseDelimited(text, separator).Take(MaxRows + 1).ToList();
        if (records.Count == 0) return null;
        return (Clip(records[0]), records.Skip(1).Select(Clip).ToList());
    }

    /// <summary>RFC 4180: quoted fields may hold separators, doubled quotes and line breaks.</summary>
    private static IEnumerable<List<string>> ParseDelimited(string text, char separator)
    {
        var field = new StringBuilder();
        var record = new List<string>();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
                continue;
            }
            if (c == '"' && field.Length == 0) quoted = true;
            else if (c == separator) { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                record.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                yield return record;
                record = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            yield return record;
        }
    }

    private static (IReadOnlyList<string>, IReadOnlyList<IReadOnlyList<string>>)? JsonLines(string text)
    {
        var objects = new List<Dictionary<string, string>>();
        var header = new List<string>();
        foreach (var line in text.Split('\n').Where(l => l.Trim().Length > 0).Take(MaxRows))
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
                var row = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (!header.Contains(property.Name) && header.Count < MaxColumns) header.Add(property.Name);
                    row[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
                objects.Add(row);
            }
            catch (JsonException)
            {
                // The last line of a cut-off preview is usually incomplete: stop there.
                break;
            }
        }
        if (objects.Count == 0) return null;
        return (header, objects.Select(o => (IReadOnlyList<string>)header.Select(h => Cut(o.GetValueOrDefault(h) ?? "")).ToList()).ToList());
    }

    private static List<string> Clip(List<string> record) => [.. record.Take(MaxColumns).Select(Cut)];

    private static string Cut(string value) => value.Length > MaxCell ? value[..MaxCell] + "…" : value;
}
