using System.Reflection;
using Hub.Api.Features.Lfs;
using Hub.Api.Features.Repos;
using Hub.Api.Features.Search;
using Hub.Api.Hosting;
using Hub.Api.Security;
using Hub.Inference;
using Hub.Storage;
using Hub.Storage.Metadata;

namespace Hub.Deploy.Tests.Manifests;

/// <summary>
/// Whether an environment variable given to a hub container names a setting the hub reads: <c>Hub__Storage__S3__Bucket</c>
/// must reach a property of an options class bound to a section, the way the configuration binder would. A typo in a
/// manifest is otherwise silently ignored and the hub runs on its embedded defaults.
/// </summary>
public static class HubSettings
{
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        [HubOptions.Section] = typeof(HubOptions),
        [DatabaseOptions.Section] = typeof(DatabaseOptions),
        [StorageOptions.Section] = typeof(StorageOptions),
        [BootstrapOptions.Section] = typeof(BootstrapOptions),
        [SigningOptions.Section] = typeof(SigningOptions),
        [LfsOptions.Section] = typeof(LfsOptions),
        [StatsOptions.Section] = typeof(StatsOptions),
        [RepoListOptions.Section] = typeof(RepoListOptions),
        [InferenceOptions.Section] = typeof(InferenceOptions),
    };

    /// <summary>Read by name rather than through an options class (HubPaths, the connection string).</summary>
    private static readonly HashSet<string> Plain = new(StringComparer.OrdinalIgnoreCase) { "Hub:DataDir", "ConnectionStrings:Hub" };

    private static readonly string[] OtherPrefixes = ["Logging:", "ASPNETCORE_", "DOTNET_", "NVIDIA_", "CUDA_", "OTEL_"];

    /// <summary>Null when <paramref name="variable"/> is a setting the hub reads, else why not.</summary>
    public static string? Problem(string variable)
    {
        var key = variable.Replace("__", ":", StringComparison.Ordinal);
        if (Plain.Contains(key) || OtherPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase))) return null;
        var section = Sections.Keys.Where(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)).MaxBy(s => s.Length);
        if (section is null) return $"{variable}: no options class is bound to a section it starts with.";
        var type = Sections[section];
        foreach (var part in key[(section.Length + 1)..].Split(':'))
        {
            var property = type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || !property.CanWrite && property.PropertyType.IsValueType)
                return $"{variable}: {type.Name} has no settable property {part}.";
            type = property.PropertyType;
        }
        return type.IsClass && type != typeof(string) && type != typeof(Uri) ? $"{variable}: names a section ({type.Name}), not a value." : null;
    }
}
