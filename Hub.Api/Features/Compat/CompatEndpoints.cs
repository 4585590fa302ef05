using System.Text.Json.Serialization;
using Hub.Api.Features.Indexing;
using Hub.Api.Features.Repos;
using Hub.Api.Http;

namespace Hub.Api.Features.Compat;

/// <summary>Small endpoints the HF clients call along the way (hf-api.md §2.7.1, §2.9, §2.10).</summary>
public static class CompatEndpoints
{
    private const string Repo = "/api/{segment:regex(^(models|datasets|spaces)$)}/{ns}/{name}";

    public sealed record ValidateYamlRequest(
        [property: JsonPropertyName("content")] string? Content,
        [property: JsonPropertyName("repoType")] string? RepoType);

    public static IEndpointRouteBuilder MapCompatEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/validate-yaml", ValidateYamlAsync);
        app.MapMethods("/api/telemetry/{**topic}", ["HEAD", "GET", "POST"], () => TypedResults.Ok());
        app.MapGet("/api/agent-harnesses", () => TypedResults.Json(new { standardEnvVars = Array.Empty<string>(), harnesses = new { } }));
        app.MapGet("/api/models-tags-by-type", () => TypedResults.Json(new { }));
        app.MapGet("/api/datasets-tags-by-type", () => TypedResults.Json(new { }));
        app.MapGet(Repo + "/auth-check", async (HttpContext c, string segment, string ns, string name, RepoLookup l, CancellationToken ct) =>
        {
            var (_, error) = await l.FindAsync(c, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.ReadFiles, ct);
            return error ?? TypedResults.Ok(new { });
        });
        // Xet is never advertised; clients that ask anyway get a message that says what to do.
        app.MapGet(Repo + "/xet-write-token/{**revision}", () => XetUnsupported());
        app.MapGet(Repo + "/xet-read-token/{**revision}", () => XetUnsupported());
        // super_squash_history: the repo's visibility rules first, then a refusal that names the feature (an unmatched
        // route answered a 404 that read like a mistyped URL).
        app.MapPost(Repo + "/super-squash/{**branch}", async (HttpContext c, string segment, string ns, string name, RepoLookup l, CancellationToken ct) =>
        {
            var (_, error) = await l.FindAsync(c, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.Write, ct);
            return error ?? HfErrors.BadRequest(
                "Squashing history (super_squash_history) is not supported by this hub: git history is kept. To start without it, create a new repository and upload the current files.");
        });
        return app;
    }

    private static HfError XetUnsupported() =>
        new(501, "This hub does not support Xet storage; set HF_HUB_DISABLE_XET=1 (huggingface_hub reads it at import) to upload through LFS.");

    private static async Task<IResult> ValidateYamlAsync(HttpContext context, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<ValidateYamlRequest>(context.Request, ct);
        if (error is not null) return TypedResults.Json(new { errors = new[] { new { message = (error as HfError)?.Message ?? "Invalid request." } }, warnings = Array.Empty<object>() }, statusCode: 400);
        var yaml = CardFrontMatter.Extract(body!.Content ?? "");
        var (_, parseError) = yaml is null ? (null, null) : CardFrontMatter.Parse(yaml);
        return parseError is null
            ? TypedResults.Json(new { errors = Array.Empty<object>(), warnings = Array.Empty<object>() })
            : TypedResults.Json(new { errors = new[] { new { message = parseError } }, warnings = Array.Empty<object>() }, statusCode: 400);
    }
}
