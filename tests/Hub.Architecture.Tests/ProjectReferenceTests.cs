using System.Reflection;

namespace Hub.Architecture.Tests;

/// <summary>References run one way (design.md §1): Api → Storage, Inference, Web; Inference → Storage; Storage, Web → nothing of ours.</summary>
public sealed class ProjectReferenceTests
{
    private static readonly string[] Ours = ["Hub.Api", "Hub.Web", "Hub.Storage", "Hub.Inference"];

    [Theory]
    [InlineData("Hub.Api", new[] { "Hub.Storage", "Hub.Inference", "Hub.Web" })]
    [InlineData("Hub.Inference", new[] { "Hub.Storage" })]
    [InlineData("Hub.Web", new string[0])]
    [InlineData("Hub.Storage", new string[0])]
    public void Project_references_only_what_the_design_allows(string project, string[] allowed)
    {
        var assembly = Assembly.Load(project);
        var referenced = assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(Ours.Contains).ToArray();
        Assert.All(referenced, r => Assert.Contains(r, allowed));
    }

    [Fact]
    public void Project_files_reference_only_what_the_design_allows()
    {
        var root = FindRoot();
        var allowed = new Dictionary<string, string[]>
        {
            ["Hub.Api"] = ["Hub.Storage", "Hub.Inference", "Hub.Web"],
            ["Hub.Inference"] = ["Hub.Storage"],
            ["Hub.Web"] = [],
            ["Hub.Storage"] = [],
        };
        foreach (var (project, refs) in allowed)
        {
            var text = File.ReadAllText(Path.Combine(root, project, project + ".csproj"));
            foreach (var other in Ours.Where(o => o != project && text.Contains($"{o}.csproj", StringComparison.Ordinal)))
                Assert.Contains(other, refs);
        }
    }

    [Fact]
    public void Entity_types_and_the_DbContext_stay_internal_to_Hub_Storage()
    {
        var storage = Assembly.Load("Hub.Storage");
        var leaked = storage.GetExportedTypes()
            .Where(t => t.Namespace?.StartsWith("Hub.Storage.Metadata.Entities", StringComparison.Ordinal) == true
                        || typeof(Microsoft.EntityFrameworkCore.DbContext).IsAssignableFrom(t))
            .Select(t => t.FullName)
            .ToArray();
        Assert.Empty(leaked);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hub.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Hub.sln not found above the test binaries.");
    }
}
