using System.Diagnostics;
using Hub.Storage.Metadata.Repositories;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Bench.Search;

/// <summary>
/// Fills a migrated hub database with synthetic repositories through PostgreSQL's binary COPY (tens of thousands of
/// rows per second): namespaces, repositories with card-like search text and counters, and their tags. The secondary
/// indexes are dropped for the load and rebuilt after it, as a bulk import should.
/// </summary>
public static class SearchSeeder
{
    public const int Namespaces = 2000;
    public static readonly string[] Pipelines =
        ["text-classification", "fill-mask", "text-generation", "feature-extraction", "image-classification", "token-classification",
         "question-answering", "summarization", "translation", "automatic-speech-recognition"];
    public static readonly string[] Libraries = ["transformers", "sentence-transformers", "gguf", "onnx", "diffusers", "peft"];
    public static readonly string[] Licenses = ["mit", "apache-2.0", "cc-by-4.0", "cc-by-nc-4.0", "llama3", "other"];
    public static readonly string[] Languages = ["en", "fr", "de", "es", "zh", "ja", "ko", "ru", "ar", "hi", "pt", "it"];
    public static readonly string[] Words =
        ["bert", "roberta", "gpt2", "llama", "mistral", "qwen", "phi", "gemma", "t5", "bart", "vit", "clip", "whisper", "base", "large",
         "small", "tiny", "instruct", "chat", "code", "math", "sentiment", "ner", "squad", "imdb", "multilingual", "distilled", "quantized",
         "awq", "gptq", "lora", "merged", "uncased", "cased", "v1", "v2", "v3", "medical", "legal", "finance", "embedding", "reranker"];

    public static async Task SeedAsync(string connectionString, int repos, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var data = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 3600 }.ConnectionString);
        // Every secondary index of the two big tables, as the migrations made them: dropped for the load, rebuilt after.
        var indexes = new List<(string Name, string Definition)>();
        await using (var list = data.CreateCommand(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() " +
            "AND tablename IN ('repositories', 'repository_tags') AND indexname NOT LIKE 'pk\\_%'"))
        await using (var reader = await list.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes)
        {
            await using var drop = data.CreateCommand($"DROP INDEX \"{name}\"");
            await drop.ExecuteNonQueryAsync(ct);
        }

        var created = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var connection = await data.OpenConnectionAsync(ct))
        {
            await using var writer = await connection.BeginBinaryImportAsync(
                "COPY namespaces (id, name, normalized_name, kind, full_name, created_at) FROM STDIN (FORMAT BINARY)", ct);
            for (var i = 0; i < Namespaces; i++)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(1_000_000L + i, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync($"Org{i:D4}", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync($"org{i:D4}", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(1, NpgsqlDbType.Integer, ct);
                await writer.WriteNullAsync(ct);
                await writer.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
            }
            await writer.CompleteAsync(ct);
        }

        var random = new Random(42);
        // Tags go in after their repositories are committed: the foreign key check of a tag row waits for the
        // repository row's transaction, so two COPYs side by side would wait on each other.
        var tagRows = new List<(string Id, string Tag)>(repos * 6);
        await using (var connection = await data.OpenConnectionAsync(ct))
        {
            await using var writer = await connection.BeginBinaryImportAsync(
                "COPY repositories (id, type, namespace_id, name, normalized_full_name, full_name, private, gated, disabled, default_branch, " +
                "head_commit, created_at, last_modified, pipeline_tag, library_name, likes, downloads, downloads_all_time, trending_score, search_text, tag_names) " +
                "FROM STDIN (FORMAT BINARY)", ct);
            for (var i = 0; i < repos; i++)
            {
                var ns = random.Next(Namespaces);
                var name = $"{Pick(random, Words)}-{Pick(random, Words)}-{i}";
                var fullName = $"Org{ns:D4}/{name}";
                var pipeline = Pick(random, Pipelines);
                var library = Pick(random, Libraries);
                var license = Pick(random, Licenses);
                var languages = Languages.Where(_ => random.Next(6) == 0).ToArray();
                // A long tail as on a real hub: most dataset: and base_model: tags name few repositories.
                var tail = Enumerable.Range(0, random.Next(3)).Select(_ => random.Next(2) == 0 ? $"dataset:ds{random.Next(50_000)}" : $"base_model:Org{random.Next(Namespaces):D4}/m{random.Next(20_000)}");
                var tags = new[] { library, pipeline, "license:" + license }.Concat(languages).Concat(tail).Distinct().ToArray();
                var body = string.Join(' ', Enumerable.Range(0, 30).Select(_ => random.Next(3) == 0 ? Pick(random, Words) : $"w{random.Next(20000)}"));
                // Downloads and likes fall off like real hubs: a few huge, most small.
                var downloads = (long)(1_000_000 / Math.Pow(1 + random.NextDouble() * repos, 0.9));
                var at = created.AddMinutes(random.Next(3 * 365 * 24 * 60));
                var id = $"{i:x8}{random.NextInt64():x16}"[..24];
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(id, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync("model", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(1_000_000L + ns, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(name, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(fullName.ToLowerInvariant(), NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(fullName, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(random.Next(20) == 0, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync("none", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync("main", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(new string('a', 40), NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(at.AddDays(random.Next(30)), NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(pipeline, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(library, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync((int)Math.Min(int.MaxValue, downloads / 100), NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(downloads, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(downloads * 7, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(Math.Round(downloads / 30.0, 2), NpgsqlDbType.Double, ct);
                await writer.WriteAsync(SearchText.Build([fullName, .. tags, body])!, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(tags.Order(StringComparer.Ordinal).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                foreach (var tag in tags)
                    tagRows.Add((id, tag));
                if (i > 0 && i % 100_000 == 0) Console.WriteLine($"  {i:N0} repositories copied ({clock.Elapsed.TotalSeconds:F0} s)");
            }
            await writer.CompleteAsync(ct);
        }
        await using (var connection = await data.OpenConnectionAsync(ct))
        {
            await using var tagWriter = await connection.BeginBinaryImportAsync(
                "COPY repository_tags (repository_id, tag) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var (id, tag) in tagRows)
            {
                await tagWriter.StartRowAsync(ct);
                await tagWriter.WriteAsync(id, NpgsqlDbType.Varchar, ct);
                await tagWriter.WriteAsync(tag, NpgsqlDbType.Varchar, ct);
            }
            await tagWriter.CompleteAsync(ct);
        }
        Console.WriteLine($"  copied {repos:N0} repositories in {clock.Elapsed.TotalSeconds:F1} s; rebuilding {indexes.Count} indexes");
        await using (var connection = await data.OpenConnectionAsync(ct))
        {
            var sql = "SET maintenance_work_mem = '256MB'; " + string.Concat(indexes.Select(i => i.Definition + "; ")) + "ANALYZE;";
            await using var index = new NpgsqlCommand(sql, connection) { CommandTimeout = 3600 };
            await index.ExecuteNonQueryAsync(ct);
        }
        Console.WriteLine($"  seeded in {clock.Elapsed.TotalSeconds:F1} s");
    }

    public static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
