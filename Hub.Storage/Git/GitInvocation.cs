namespace Hub.Storage.Git;

/// <summary>One git command: the repository it runs in, its arguments (never a shell string) and what it reads.</summary>
/// <param name="GitDir">The bare repository, passed as <c>--git-dir</c>; null for commands that need none (<c>init</c>).</param>
/// <param name="Arguments">The subcommand first, then its arguments, each one element.</param>
internal sealed record GitInvocation(string? GitDir, IReadOnlyList<string> Arguments)
{
    /// <summary>Extra environment variables (author, index file).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Writes the command's stdin; stdin is closed afterwards (and at once when null).</summary>
    public Func<Stream, CancellationToken, Task>? Input { get; init; }

    /// <summary>The subcommand, for telemetry.</summary>
    public string Command => Arguments.Count > 0 ? Arguments[0] : "git";

    public static GitInvocation Of(string? gitDir, params string[] arguments) => new(gitDir, arguments);
}
