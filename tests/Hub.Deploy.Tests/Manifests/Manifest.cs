using System.Text.Json.Nodes;

namespace Hub.Deploy.Tests.Manifests;

/// <summary>One Kubernetes object of a manifest file.</summary>
public sealed class Manifest(string file, JsonObject node)
{
    public string File { get; } = file;

    public JsonObject Node { get; } = node;

    public string? ApiVersion => Node.Text("apiVersion");

    public string? Kind => Node.Text("kind");

    public string? Name => Node.Text("metadata.name");

    /// <summary>The pod template of a Deployment or Job, else null.</summary>
    public JsonObject? PodTemplate => Node.At("spec.template") as JsonObject;

    public IEnumerable<JsonObject> Containers => PodTemplate.Items("spec.containers").Concat(PodTemplate.Items("spec.initContainers"));

    public override string ToString() => $"{Kind}/{Name} ({System.IO.Path.GetFileName(File)})";
}
