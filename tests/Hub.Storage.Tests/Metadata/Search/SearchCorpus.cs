using Hub.Storage.Metadata;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Entities;
using Hub.Storage.Metadata.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Storage.Tests.Metadata.Search;

/// <summary>
/// A database of its own holding 1,000 models (and some datasets) with varied authors, tags, cards, counters and many
/// equal sort keys, generated from a fixed seed so both providers hold exactly the same data. <see cref="Repos"/> keeps
/// what was written, for the reference answers.
/// </summary>
public abstract class SearchCorpus(MetadataDatabase database) : IAsyncLifetime
{
    public const int Models = 1000;
    public const int Datasets = 60;

    public static readonly string[] Pipelines = ["text-classification", "fill-mask", "text-generation", "feature-extraction", "image-classification"];
    public static readonly string[] Libraries = ["transformers", "gguf", "onnx", "diffusers"];
    public static readonly string[] Licenses = ["mit", "apache-2.0", "cc-by-4.0", "other"];
    public static readonly string[] Languages = ["en", "fr", "de", "zh", "ja"];
    public static readonly string[] CardTags = ["chat", "math", "code", "medical", "legal", "vision"];
    public static readonly string[] Vocabulary =
        ["bert", "roberta", "gpt2", "llama", "mistral", "quantized", "q4", "1e5", "0x1f", "2024", "fine", "tuned", "instruct",
         "base", "large", "small", "über", "naïve", "café", "sentiment", "reviews", "imdb", "squad", "multilingual", "tokenizer",
         "embedding", "vision", "transformer", "distilled", "v1", "v2", "r2d2", "deep-learning", "c++", "a_b", "x"];

    public MetadataDatabase Database { get; } = database;

    public IReadOnlyList<RepositoryRecord> Repos { get; private set; } = [];

    /// <summary>Search text per repository id, as stored.</summary>
    public IReadOnlyDictionary<string, string?> SearchTexts { get; private set; } = new Dictionary<string, string?>();

    public IReadOnlyList<UserRecord> Authors { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var accounts = Database.Services.GetRequiredService<IAccountStore>();
        var authors = new List<UserRecord>();
        for (var i = 0; i < 12; i++)
            authors.Add(await accounts.CreateUserAsync($"Author{i:D2}", null, null, "hash", false, CancellationToken.None));
        Authors = authors;

        var random = new Random(20260301);
        var origin = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var entities = new List<RepositoryEntity>();
        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < Models + Datasets; i++)
        {
            var author = authors[random.Next(authors.Count)];
            var words = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(random, Vocabulary)).ToList();
            var name = $"{string.Join('-', words)}-{i}";
            var fullName = $"{author.Name}/{name}";
            var pipeline = random.Next(6) == 0 ? null : Pick(random, Pipelines);
            var library = random.Next(5) == 0 ? null : Pick(random, Libraries);
            var license = random.Next(4) == 0 ? null : Pick(random, Licenses);
            var languages = Languages.Where(_ => random.Next(4) == 0).ToList();
            var cardTags = CardTags.Where(_ => random.Next(5) == 0).ToList();
            var body = string.Join(' ', Enumerable.Range(0, random.Next(0, 12)).Select(_ => Pick(random, Vocabulary)));
            var tags = new[] { library, pipeline, license is null ? null : "license:" + license }
                .Concat(i < Models ? languages : languages.Select(l => "language:" + l)).Concat(cardTags).OfType<string>().Distinct().ToList();
            var searchText = SearchText.Build([fullName, pipeline, library, license, .. languages, .. cardTags, body]);
            var created = origin.AddHours(random.Next(200));
            var entity = new RepositoryEntity
            {
                Id = $"{i:x8}{random.NextInt64():x16}"[..24],
                Type = i < Models ? "model" : "dataset",
                NamespaceId = author.Id,
                Name = name,
                FullName = fullName,
                NormalizedFullName = fullName.ToLowerInvariant(),
                Private = random.Next(10) == 0,
                Gated = random.Next(8) == 0 ? "auto" : "none",
                HeadCommit = new string('c', 40),
                CreatedAt = created,
                LastModified = created.AddMinutes(random.Next(3) * 30),
                PipelineTag = pipeline,
                LibraryName = library,
                SearchText = searchText,
                Downloads = random.Next(4) == 0 ? 0 : random.Next(50),
                DownloadsAllTime = random.Next(1000),
                Likes = random.Next(8),
                TrendingScore = Math.Round(random.Next(30) * 0.25, 2),
                Tags = tags.Select(t => new RepositoryTagEntity { RepositoryId = "", Tag = t }).ToList(),
                // Written straight to the tables, so both copies of the tag set, as the store writes them.
                TagNames = tags.Order(StringComparer.Ordinal).ToArray(),
            };
            foreach (var tag in entity.Tags)
                tag.RepositoryId = entity.Id;
            entities.Add(entity);
            texts[entity.Id] = searchText;
        }

        await using (var db = await Database.Services.GetRequiredService<IHubDbContextFactory>().CreateDbContextAsync(CancellationToken.None))
        {
            db.Repositories.AddRange(entities);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        var byId = authors.ToDictionary(a => a.Id, a => a.Name);
        Repos = entities.ConvertAll(e => RepositoryMapping.ToRecord(e, e.Tags.Select(t => t.Tag)) with { Namespace = byId[e.NamespaceId] });
        SearchTexts = texts;
    }

    public Task DisposeAsync() => Database.DisposeAsync();

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}

public sealed class SqliteSearchCorpus() : SearchCorpus(new SqliteMetadataDatabase());

public sealed class PostgresSearchCorpus() : SearchCorpus(new PostgresMetadataDatabase());
