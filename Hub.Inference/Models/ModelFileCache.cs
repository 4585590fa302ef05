using System.Security.Cryptography;
using Hub.Storage.Blobs;
using Hub.Storage.Git;
using Microsoft.Extensions.Logging;

namespace Hub.Inference.Models;

/// <summary>
/// Copies the files a model needs from the hub's storage (git for small files, the blob store for LFS objects) into a
/// local folder per repository and commit, once: commits are immutable, so a complete folder never needs fetching again.
/// A folder becomes visible only when whole (written under a temporary name, then renamed).
/// </summary>
internal sealed class ModelFileCache(IGitRepositoryStore git, IBlobStore blobs, string root, ILogger logger)
{
    /// <summary>Files read when present; the ONNX graph is the first of <see cref="ModelLayout.OnnxCandidates"/> that exists.</summary>
    private static readonly string[] OptionalFiles =
    [
        "config.json", "tokenizer.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json",
        "modules.json", "1_Pooling/config.json", "sentence_bert_config.json", "preprocessor_config.json",
    ];

    public async Task<ModelFiles> GetAsync(ModelRef model, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(root, model.RepoId, model.Commit);
        if (Directory.Exists(folder)) return ModelFiles.From(folder);
        // Loads of one model and commit are already made once by the model cache; different commits use different folders.
        var staging = folder + ".partial-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(staging);
        try
        {
            var onnx = await FirstExistingAsync(model, cancellationToken)
                ?? throw new ModelNotFoundException($"{model.RepoName} has no model.onnx or onnx/model.onnx at {model.Commit}.");
            await CopyAsync(model, onnx, Path.Combine(staging, "model.onnx"), cancellationToken);
            foreach (var path in OptionalFiles)
            {
                var entry = await git.GetEntryAsync(model.RepoId, model.Commit, path, cancellationToken);
                if (entry is { Kind: GitEntryKind.File })
                    await CopyAsync(model, entry, Path.Combine(staging, path), cancellationToken);
            }
            try
            {
                Directory.Move(staging, folder);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
                // Another worker sharing the cache folder finished the same commit first; its copy is identical.
            }
            logger.LogInformation("Cached model files of {Model} at {Commit} in {Folder}", model.RepoName, model.Commit, folder);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return ModelFiles.From(folder);
    }

    private async Task<GitTreeEntry?> FirstExistingAsync(ModelRef model, CancellationToken cancellationToken)
    {
        foreach (var path in ModelLayout.OnnxCandidates)
        {
            var entry = await git.GetEntryAsync(model.RepoId, model.Commit, path, cancellationToken);
            if (entry is { Kind: GitEntryKind.File }) return entry;
        }
        return null;
    }

    private async Task CopyAsync(ModelRef model, GitTreeEntry entry, string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        (string Oid, long Size)? pointer = null;
        if (entry.Size <= LfsPointerText.MaxPointerSize)
        {
            var small = await git.ReadBlobAsync(model.RepoId, entry.ObjectId, LfsPointerText.MaxPointerSize, cancellationToken);
            pointer = small is null ? null : LfsPointerText.TryParse(small);
        }
        await using var output = File.Create(target);
        if (pointer is { } lfs)
        {
            // Large files live in the blob store; check what arrives against the oid the commit names.
            await using var input = await blobs.OpenReadAsync(BlobKeys.Lfs(lfs.Oid), null, cancellationToken);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 20];
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            if (Convert.ToHexStringLower(hash.GetHashAndReset()) != lfs.Oid)
                throw new InvalidDataException($"The LFS object {lfs.Oid} of {model.RepoName} does not match its oid.");
            return;
        }
        await using var blob = await git.OpenBlobAsync(model.RepoId, entry.ObjectId, cancellationToken)
            ?? throw new ModelNotFoundException($"{entry.Path} of {model.RepoName} is missing from git.");
        await blob.CopyToAsync(output, cancellationToken);
    }
}
