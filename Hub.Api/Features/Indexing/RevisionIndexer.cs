using System.Text.Json.Nodes;
using Hub.Api.Features.Files;
using Hub.Storage.Git;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Features.Indexing;

/// <summary>Computes the <see cref="RevisionIndex"/> of one commit: card, config, tokenizer, weight headers, tags, search words.</summary>
public sealed class RevisionIndexer(IGitRepositoryStore git, RepoFiles files, WeightFiles weights)
{
    private const int MaxJsonBytes = 4 * 1024 * 1024;

    public async Task<RevisionIndex> IndexAsync(RepositoryRecord repo, string commitId, CancellationToken ct)
    {
        var commit = await git.GetCommitAsync(repo.Id, commitId, ct);
        var all = await files.ListAllFilesAsync(repo.Id, commitId, ct);
        var root = all.Where(f => !f.Entry.Path.Contains('/', StringComparison.Ordinal)).Select(f => f.Entry.Path).ToHashSet(StringComparer.Ordinal);
        var data = new JsonObject();
        var errors = new List<string>();

        var readme = await ReadTextAsync(repo.Id, all, "README.md", 1024 * 1024, ct);
        var (yaml, body) = readme is null ? (null, "") : CardFrontMatter.Split(readme);
        JsonObject? card = null;
        if (yaml is not null)
        {
            (card, var cardError) = CardFrontMatter.Parse(yaml);
            if (cardError is not null) data["cardError"] = cardError;
            var warnings = CardMetadata.Warnings(card);
            if (warnings.Count > 0) data["cardWarnings"] = new JsonArray([.. warnings.Select(w => JsonValue.Create(w))]);
        }

        string? pipeline = null, library = null, modelType = null;
        var formats = new List<string>();
        long bytesRead = 0;
        if (repo.Type == "model")
        {
            var (config, configError) = ConfigSummary.ParseObject("config.json", await ReadTextAsync(repo.Id, all, "config.json", MaxJsonBytes, ct));
            var (tokenizer, tokenizerError) = ConfigSummary.ParseObject("tokenizer_config.json", await ReadTextAsync(repo.Id, all, "tokenizer_config.json", MaxJsonBytes, ct));
            var (shardIndex, indexError) = ConfigSummary.ParseObject("model.safetensors.index.json", await ReadTextAsync(repo.Id, all, "model.safetensors.index.json", MaxJsonBytes, ct));
            errors.AddRange(new[] { configError, tokenizerError, indexError }.OfType<string>());
            var summary = ConfigSummary.Build(config, tokenizer, root);
            if (summary is not null) data["config"] = summary;
            if (ConfigSummary.Token(tokenizer?["mask_token"]) is { } mask) data["mask_token"] = mask;
            modelType = summary?["model_type"]?.GetValue<string>();

            var weightResult = await weights.ReadAsync(repo.Id, all, shardIndex, ct);
            bytesRead = weightResult.BytesRead;
            errors.AddRange(weightResult.Errors);
            if (weightResult.Safetensors is not null) { data["safetensors"] = weightResult.Safetensors; formats.Add("safetensors"); }
            if (weightResult.Onnx is not null) { data["onnx"] = weightResult.Onnx; formats.Add("onnx"); }
            if (weightResult.Gguf is not null) { data["gguf"] = weightResult.Gguf; formats.Add("gguf"); }

            library = CardString(card, "library_name") ?? ModelKind.Library(root);
            pipeline = CardString(card, "pipeline_tag") ?? ModelKind.Pipeline(library, config);
        }
        else
        {
            pipeline = CardString(card, "pipeline_tag");
        }
        if (errors.Count > 0) data["indexErrors"] = new JsonArray([.. errors.Select(e => JsonValue.Create(e))]);

        var tags = RepoTags.Derive(repo.Type, card, pipeline, library, modelType, formats);
        var searchText = SearchText.Build([repo.FullName, pipeline, library, .. tags, CardString(card, "model_name"), CardString(card, "pretty_name"), body]);
        return new RevisionIndex(commitId, commit?.Committer.When ?? repo.LastModified, card, pipeline, library, data, tags, searchText, bytesRead);
    }

    /// <summary>Card strings longer than the column are not a library or a pipeline; they are ignored.</summary>
    private static string? CardString(JsonObject? card, string field) =>
        card?[field] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>().Trim() is { Length: > 0 and <= 64 } s ? s : null;

    private async Task<string?> ReadTextAsync(string repoId, IReadOnlyList<RepoFileEntry> all, string path, int maxBytes, CancellationToken ct)
    {
        var file = all.FirstOrDefault(f => f.Entry.Path == path);
        if (file is null || file.Lfs is not null) return null;
        // Cached by blob id: a commit that leaves config.json or README.md alone re-indexes without reading them again.
        return await files.ReadBlobTextAsync(repoId, file.Entry.ObjectId, maxBytes, ct);
    }
}
