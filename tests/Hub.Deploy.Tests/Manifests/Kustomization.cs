using System.Text.Json.Nodes;

namespace Hub.Deploy.Tests.Manifests;

/// <summary>
/// The objects <c>kubectl apply -k</c> would apply, rendered the way kustomize does for the fields deploy/k8s uses
/// (resources, components, namespace, labels, images); a kustomization using anything else is refused, so what is
/// checked here is what a cluster gets. kubectl is not a Debian package of this era, so this does not shell out.
/// </summary>
public sealed class Kustomization
{
    private static readonly HashSet<string> Supported = ["apiVersion", "kind", "namespace", "labels", "resources", "components", "images"];

    private Kustomization(string directory, List<Manifest> objects, List<string> files)
    {
        Directory = directory;
        Objects = objects;
        Files = files;
    }

    public string Directory { get; }

    public IReadOnlyList<Manifest> Objects { get; }

    /// <summary>Every manifest file the kustomization (and its components) names, as full paths.</summary>
    public IReadOnlyList<string> Files { get; }

    public static Kustomization Render(string directory)
    {
        var objects = new List<Manifest>();
        var files = new List<string>();
        Collect(directory, objects, files);
        var root = Yaml.Load(System.IO.Path.Combine(directory, "kustomization.yaml"));
        var images = root.Items("images").ToDictionary(i => i.Text("name")!, i => $"{i.Text("newName") ?? i.Text("name")}:{i.Text("newTag") ?? "latest"}");
        foreach (var o in objects)
        {
            if (root.Text("namespace") is { } ns && o.Kind != "Namespace") o.Node["metadata"]!["namespace"] = ns;
            foreach (var (k, v) in root.Items("labels").SelectMany(l => l.Map("pairs")))
            {
                var meta = o.Node["metadata"]!.AsObject();
                meta["labels"] ??= new JsonObject();
                meta["labels"]![k] = v;
            }
            foreach (var container in o.Containers)
                if (container.Text("image") is { } image && images.TryGetValue(image, out var replaced)) container["image"] = replaced;
        }
        return new Kustomization(directory, objects, files);
    }

    public IEnumerable<Manifest> OfKind(string kind) => Objects.Where(o => o.Kind == kind);

    public Manifest Get(string kind, string name) =>
        Objects.SingleOrDefault(o => o.Kind == kind && o.Name == name) ?? throw new Xunit.Sdk.XunitException($"No {kind} named {name} in {Directory}.");

    private static void Collect(string directory, List<Manifest> objects, List<string> files)
    {
        var kustomization = Yaml.Load(System.IO.Path.Combine(directory, "kustomization.yaml"));
        var unsupported = kustomization.Select(p => p.Key).Where(k => !Supported.Contains(k)).ToArray();
        Assert.True(unsupported.Length == 0, $"{directory}/kustomization.yaml uses {string.Join(", ", unsupported)}, which this validation does not render.");
        foreach (var entry in kustomization.At("resources")?.AsArray().Select(n => n!.GetValue<string>()) ?? [])
        {
            var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, entry));
            if (System.IO.Directory.Exists(path)) Collect(path, objects, files);
            else
            {
                Assert.True(File.Exists(path), $"{directory}/kustomization.yaml names {entry}, which does not exist.");
                files.Add(path);
                objects.AddRange(Yaml.LoadAll(path).Select(d => new Manifest(path, d)));
            }
        }
        foreach (var component in kustomization.At("components")?.AsArray().Select(n => n!.GetValue<string>()) ?? [])
        {
            var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, component));
            Assert.Equal("Component", Yaml.Load(System.IO.Path.Combine(path, "kustomization.yaml")).Text("kind"));
            Collect(path, objects, files);
        }
    }
}
