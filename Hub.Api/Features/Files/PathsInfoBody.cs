using System.Text.Json;
using Hub.Api.Http;

namespace Hub.Api.Features.Files;

/// <summary>paths-info bodies: Python sends a form (<c>paths=</c> repeated, <c>expand=</c>), JS sends JSON.</summary>
public static class PathsInfoBody
{
    public const int MaxPaths = 10_000;

    public static async Task<(IReadOnlyList<string> Paths, bool Expand, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (InvalidDataException e)
            {
                return ([], false, HfErrors.BadRequest($"The form body is malformed: {e.Message}"));
            }
            var formPaths = form["paths"].Where(p => p is not null).Select(p => p!).ToList();
            return formPaths.Count > MaxPaths
                ? ([], false, HfErrors.BadRequest($"At most {MaxPaths} paths per request."))
                : (formPaths, HfJson.ParseBool(form["expand"].FirstOrDefault()) == true, null);
        }
        try
        {
            using var document = await JsonDocument.ParseAsync(new LimitedReadStream(request.Body, 16 * 1024 * 1024), cancellationToken: ct);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("paths", out var pathsElement) || pathsElement.ValueKind != JsonValueKind.Array)
                return ([], false, HfErrors.BadRequest("The body must be {\"paths\": [...], \"expand\": bool}."));
            var paths = pathsElement.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToList();
            if (paths.Count > MaxPaths) return ([], false, HfErrors.BadRequest($"At most {MaxPaths} paths per request."));
            var expand = root.TryGetProperty("expand", out var e) && e.ValueKind == JsonValueKind.True;
            return (paths, expand, null);
        }
        catch (JsonException ex)
        {
            return ([], false, HfErrors.BadRequest($"The body is not valid JSON: {ex.Message}"));
        }
    }
}
