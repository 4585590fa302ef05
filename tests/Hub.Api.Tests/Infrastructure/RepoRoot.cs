namespace Hub.Api.Tests.Infrastructure;

public static class RepoRoot
{
    /// <summary>The checkout's root (the folder holding Hub.sln).</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Hub.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Hub.sln not found above the test binaries.");
    }
}
