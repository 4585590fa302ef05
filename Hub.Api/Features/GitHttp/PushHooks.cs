using System.Collections.Concurrent;
using System.Security.Cryptography;
using Hub.Api.Features.Repos;
using Hub.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hub.Api.Features.GitHttp;

/// <summary>
/// The bridge between <c>git receive-pack</c> and the hub's push policy. receive-pack runs the hub's
/// <c>pre-receive</c> hook (through <c>core.hooksPath</c>) after the pack is received into quarantine and before any
/// ref moves; the hook posts the ref updates to <c>/internal/git/pre-receive</c> on loopback with a one-push token (in
/// its own header: an <c>Authorization</c> header would be taken for an access token and refused), and
/// the hub answers whether the push may land. A refusal leaves the repository exactly as before: git drops the
/// quarantined objects and moves no ref. After the refs moved, the <c>post-receive</c> hook reports the updates git
/// actually applied (<c>/internal/git/post-receive</c>), for the audit log and webhooks.
/// </summary>
public sealed class PushHooks(IConfiguration configuration, IServer server)
{
    // The hub answers "ok" or the reasons to refuse (200 both); curl fails only when the hub cannot be asked, and the
    // push is then refused too. Whatever the hook prints reaches the pusher as "remote:" lines.
    private const string PreReceive = """
        #!/bin/sh
        # Installed by Hub. Asks the hub whether this push may land, before any ref moves (see PushHooks.cs).
        verdict=$(curl -sS -k --fail --max-time 3600 -X POST \
          -H "Host: $HUB_HOOK_HOST" -H "X-Hub-Hook-Token: $HUB_HOOK_TOKEN" -H "X-Git-Quarantine: $GIT_QUARANTINE_PATH" \
          --data-binary @- "$HUB_HOOK_URL/pre-receive") || { echo "Hub could not check this push; nothing was changed." >&2; exit 1; }
        [ "$verdict" = "ok" ] && exit 0
        printf '%s\n' "$verdict" >&2
        exit 1
        """;

    // receive-pack runs this after the refs moved, with the updates it applied: a ref the check let through can still fail
    // to update (another writer held or moved it), and only these lines say what landed. The push stands either way.
    private const string PostReceive = """
        #!/bin/sh
        # Installed by Hub. Tells the hub which refs this push updated (see PushHooks.cs).
        curl -sS -k --fail --max-time 60 -o /dev/null -X POST -H "Host: $HUB_HOOK_HOST" -H "X-Hub-Hook-Token: $HUB_HOOK_TOKEN" \
          --data-binary @- "$HUB_HOOK_URL/post-receive" 2>/dev/null
        exit 0
        """;

    private readonly ConcurrentDictionary<string, PushSession> pushes = new(StringComparer.Ordinal);
    private readonly Lazy<string> hooksPath = new(() => Install(HubPaths.DataDir(configuration)));

    public string HooksPath => hooksPath.Value;

    /// <summary>
    /// Registers a push and returns it with the environment its hooks need; dispose the session when the push ends. The
    /// hooks call the hub on loopback but name the host the push came to (<paramref name="host"/>): a hub that allows only
    /// its public name (<c>AllowedHosts</c>) answers 400 to a request for 127.0.0.1, and every push would be refused.
    /// </summary>
    public (PushSession Session, IReadOnlyDictionary<string, string> Environment) Begin(RepoContext repo, HostString host)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var session = new PushSession(repo, () => pushes.TryRemove(token, out _));
        pushes[token] = session;
        var loopback = new Uri(LoopbackUrl());
        var environment = new Dictionary<string, string>
        {
            ["HUB_HOOK_TOKEN"] = token,
            ["HUB_HOOK_URL"] = loopback.GetLeftPart(UriPartial.Authority) + "/internal/git",
            ["HUB_HOOK_HOST"] = host.HasValue ? host.ToUriComponent() : loopback.Authority,
        };
        return (session, environment);
    }

    public PushSession? Find(string token) => pushes.GetValueOrDefault(token);

    private string LoopbackUrl()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The hub has no listening address for its git hooks.");
        var uri = new Uri(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost" ? "127.0.0.1" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }

    private static string Install(string dataDir)
    {
        var dir = Path.Combine(dataDir, "hooks");
        Directory.CreateDirectory(dir);
        foreach (var (name, script) in new[] { ("pre-receive", PreReceive), ("post-receive", PostReceive) })
        {
            var path = Path.Combine(dir, name);
            var temp = path + "." + Guid.NewGuid().ToString("N");
            File.WriteAllText(temp, script.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
            File.Move(temp, path, overwrite: true);
        }
        return dir;
    }
}
