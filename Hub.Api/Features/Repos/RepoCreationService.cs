using Hub.Api.Features.Indexing;
using Hub.Api.Http;
using Hub.Storage.Git;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Features.Repos;

/// <summary>Creates and deletes repositories: the metadata row and the bare git repository, never one without the other.</summary>
public sealed class RepoCreationService(
    IRepositoryStore repos,
    IGitRepositoryStore git,
    RepoIndexer indexer,
    TimeProvider time,
    ILogger<RepoCreationService> logger)
{
    public async Task<RepositoryRecord> CreateAsync(
        string type, NamespaceRecord ns, string name, bool isPrivate, string gated, string? sdk, UserRecord author,
        IReadOnlyList<GitFileOperation> extraFiles, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var repo = await repos.CreateAsync(new NewRepository(type, ns.Id, name, isPrivate, gated, sdk, now), cancellationToken);
        try
        {
            var attributes = type == RepoTypes.Dataset ? GitDefaults.DatasetGitAttributes : GitDefaults.ModelGitAttributes;
            List<GitFileOperation> files = [new GitAddFile(".gitattributes", System.Text.Encoding.UTF8.GetBytes(attributes)), .. extraFiles];
            // CancellationToken.None: once the row exists, finish (or undo) the repository even if the client goes away.
            await git.CreateAsync(repo.Id, CommitAuthors.For(author, now), "initial commit", files, CancellationToken.None);
            await indexer.IndexAsync(repo.Id, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Creating the git repository of {Repo} failed; removing its metadata", repo.FullName);
            await repos.DeleteAsync(repo.Id, CancellationToken.None);
            await git.DeleteAsync(repo.Id, CancellationToken.None);
            throw;
        }
        return await repos.GetAsync(repo.Id, cancellationToken) ?? repo;
    }

    public async Task DeleteAsync(RepositoryRecord repo, CancellationToken cancellationToken)
    {
        // Metadata first: the repository disappears from every route at once; the directory follows.
        await repos.DeleteAsync(repo.Id, cancellationToken);
        await git.DeleteAsync(repo.Id, CancellationToken.None);
    }
}
