using System.Xml.Linq;

namespace Hub.Deploy.Tests.Manifests;

/// <summary>The hub and GPU worker images, checked from their Dockerfiles (no Docker engine here).</summary>
public sealed class DockerfileTests
{
    private static readonly Dockerfile Hub = Dockerfile.Load(DeployFiles.Path("deploy", "docker", "Dockerfile"));
    private static readonly Dockerfile Gpu = Dockerfile.Load(DeployFiles.Path("deploy", "docker", "inference.Dockerfile"));

    public static TheoryData<string> Images => new() { "Dockerfile", "inference.Dockerfile" };

    private static Dockerfile Of(string file) => file == "Dockerfile" ? Hub : Gpu;

    [Theory]
    [MemberData(nameof(Images))]
    public void Image_is_built_by_the_SDK_and_runs_the_published_hub_as_a_non_root_user(string file)
    {
        var image = Of(file);
        var build = image.Stages[0];
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", build.Image, StringComparison.Ordinal);
        Assert.Contains(build.All("RUN"), r => r.Contains("dotnet publish Hub.Api/Hub.Api.csproj -c Release", StringComparison.Ordinal));
        Assert.True(image.Stages.Count >= 2, "multi-stage: the SDK stays out of the image");
        Assert.DoesNotContain("sdk", image.Final.Image, StringComparison.Ordinal);
        Assert.Contains(image.Final.All("COPY"), c => c.StartsWith($"--from={build.Name} /app", StringComparison.Ordinal));
        var user = image.Final.Last("USER");
        Assert.True(user is not null && user is not ("root" or "0"), $"{file}: the final stage must switch to a non-root user (USER {user}).");
        // The same uid as the other image, so both may share the /data volume.
        Assert.True(user is "$APP_UID" or "1654", $"{file}: USER {user}");
        Assert.Contains(image.Final.All("RUN"), r => r.Contains("git git-lfs curl", StringComparison.Ordinal));
        Assert.Equal("8080", image.Final.Last("EXPOSE"));
        Assert.Contains("http://localhost:8080/alive", image.Final.Last("HEALTHCHECK"), StringComparison.Ordinal);
        Assert.EndsWith("\"dotnet\", \"Hub.Api.dll\"]", image.Final.Last("ENTRYPOINT"), StringComparison.Ordinal);
        Assert.Contains(image.Final.All("ENV"), e => e.Contains("Hub__DataDir=/data", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Every_path_the_build_stage_copies_exists(string file)
    {
        foreach (var copy in Of(file).Stages[0].All("COPY"))
        {
            var parts = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.All(parts[..^1], source => Assert.True(File.Exists(DeployFiles.Path(source)) || Directory.Exists(DeployFiles.Path(source)), $"{file}: COPY {source}: missing"));
        }
    }

    [Fact]
    public void Hub_image_runs_on_the_ASP_NET_runtime()
    {
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", Hub.Final.Image, StringComparison.Ordinal);
    }

    [Fact]
    public void GPU_image_runs_the_inference_role_on_CUDA_13_with_cuDNN_and_the_ONNX_Runtime_GPU_package()
    {
        Assert.Matches("^nvidia/cuda:13\\.[0-9.]+-cudnn-runtime-ubuntu24\\.04$", Gpu.Final.Image);
        Assert.Contains(Gpu.Stages, s => s.Image == "mcr.microsoft.com/dotnet/aspnet:10.0-noble");
        Assert.Contains(Gpu.Final.All("COPY"), c => c.StartsWith("--from=dotnet /usr/share/dotnet", StringComparison.Ordinal));
        var env = string.Join(' ', Gpu.Final.All("ENV"));
        Assert.Contains("Hub__Roles=inference", env, StringComparison.Ordinal);
        Assert.Contains("Hub__Inference__UseCuda=true", env, StringComparison.Ordinal);
        // The GPU build only: the CPU package beside it would silently win (design.md).
        var packages = XDocument.Load(DeployFiles.Path("Hub.Inference", "Hub.Inference.csproj")).Descendants("PackageReference").Select(p => (string?)p.Attribute("Include")).ToArray();
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux", packages);
        Assert.DoesNotContain("Microsoft.ML.OnnxRuntime", packages);
    }

    [Fact]
    public void Build_context_leaves_out_build_outputs_and_node_modules()
    {
        var ignored = File.ReadAllLines(DeployFiles.Path(".dockerignore")).Select(l => l.Trim()).ToHashSet();
        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains("**/node_modules/", ignored);
        Assert.Contains(".git/", ignored);
    }
}
