using System.Text.Json.Nodes;
using Hub.Api.Features.Repos;
using Hub.Api.Http;

namespace Hub.Api.Features.Indexing;

/// <summary>
/// <c>GET /api/{type}s/{ns}/{name}/card[?revision=]</c>: the model card rendered to sanitized HTML, with its metadata
/// and what is wrong with it (hub-native; huggingface.co has no such route). Gated repositories show their card to
/// everyone who can see them, as on huggingface.co.
/// </summary>
public static class CardEndpoints
{
    public static IEndpointRouteBuilder MapCardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/{segment:regex(^(models|datasets|spaces)$)}/{ns}/{name}/card", CardAsync);
        return app;
    }

    private static async Task<IResult> CardAsync(
        HttpContext context, string segment, string ns, string name, string? revision, RepoLookup lookup, RevisionResolver resolver,
        CardService cards, PublicUrls urls, CancellationToken ct)
    {
        var type = RepoTypes.FromApiSegment(segment)!;
        var (found, error) = await lookup.FindAsync(context, type, ns, name, RepoNeed.See, ct);
        if (error is not null) return error;
        var repo = found!.Repo;
        var (resolved, revisionError) = await resolver.ResolveAsync(repo.Id, revision ?? repo.DefaultBranch, ct);
        if (revisionError is not null) return revisionError;
        var resolveBase = $"{urls.Repo(context, type, repo.FullName)}/resolve/{resolved!.CommitId}/";
        var card = await cards.GetAsync(repo, resolved.CommitId, resolveBase, ct);
        return TypedResults.Json(new JsonObject
        {
            ["sha"] = card.CommitId,
            ["html"] = card.Html,
            ["cardData"] = card.CardData,
            ["cardError"] = card.CardError,
            ["cardWarnings"] = new JsonArray([.. card.CardWarnings.Select(w => JsonValue.Create(w))]),
        });
    }
}
