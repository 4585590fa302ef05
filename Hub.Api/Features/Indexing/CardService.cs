using Hub.Api.Features.Files;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Features.Indexing;

/// <summary>The model card of a commit, rendered for pages (the UI calls it through <c>GET …/card</c>).</summary>
public sealed class CardService(RepoFiles files, CardRenderer renderer)
{
    /// <param name="resolveBase">Where relative links and images of the card point: the commit's <c>resolve/</c> folder.</param>
    public async Task<CardView> GetAsync(RepositoryRecord repo, string commitId, string? resolveBase, CancellationToken ct)
    {
        var readme = await files.ReadTextAsync(repo.Id, commitId, "README.md", ct);
        if (readme is null) return new CardView(commitId, "", null, null, []);
        var (yaml, body) = CardFrontMatter.Split(readme);
        var (card, error) = yaml is null ? (null, null) : CardFrontMatter.Parse(yaml);
        return new CardView(commitId, renderer.Render(body, resolveBase), card, error, CardMetadata.Warnings(card));
    }
}
