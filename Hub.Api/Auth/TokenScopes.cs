using System.Globalization;
using System.Text.Json;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Auth;

/// <summary>The scope list of a fine-grained token (stored as JSON in the token's <c>Scopes</c> column).</summary>
public sealed class TokenScopes
{
    public static TokenScopes None { get; } = new([]);

    private TokenScopes(IReadOnlyList<TokenScope> scopes) => Items = scopes;

    public IReadOnlyList<TokenScope> Items { get; }

    public static TokenScopes Create(IReadOnlyList<TokenScope> scopes) => new(scopes);

    /// <summary>Parses stored JSON; anything unreadable grants nothing (a damaged scope must never widen access).</summary>
    public static TokenScopes Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return None;
        try
        {
            var list = JsonSerializer.Deserialize<List<TokenScope>>(json);
            return list is null ? None : new(list.Where(s => s.Access is "read" or "write" && s.Type is TokenScope.Repo or TokenScope.Namespace).ToList());
        }
        catch (JsonException)
        {
            return None;
        }
    }

    public string ToJson() => JsonSerializer.Serialize(Items);

    /// <summary><c>write</c>, <c>read</c> or null: the widest access any scope gives to <paramref name="repo"/>.</summary>
    public string? AccessTo(RepositoryRecord repo)
    {
        string? best = null;
        var ns = repo.NamespaceId.ToString(CultureInfo.InvariantCulture);
        foreach (var scope in Items)
        {
            var matches = scope.Type == TokenScope.Repo ? scope.Id == repo.Id : scope.Id == ns;
            if (!matches) continue;
            if (scope.Access == "write") return "write";
            best = "read";
        }
        return best;
    }

    /// <summary>Access to a whole namespace (creating repositories there needs <c>write</c>).</summary>
    public string? AccessToNamespace(long namespaceId)
    {
        var id = namespaceId.ToString(CultureInfo.InvariantCulture);
        var matching = Items.Where(s => s.Type == TokenScope.Namespace && s.Id == id).Select(s => s.Access).ToList();
        return matching.Contains("write") ? "write" : matching.Count > 0 ? "read" : null;
    }

    public IReadOnlyList<long> NamespaceIds =>
        [.. Items.Where(s => s.Type == TokenScope.Namespace).Select(s => long.TryParse(s.Id, CultureInfo.InvariantCulture, out var id) ? id : -1).Where(id => id >= 0)];

    public IReadOnlyList<string> RepositoryIds => [.. Items.Where(s => s.Type == TokenScope.Repo).Select(s => s.Id)];
}
