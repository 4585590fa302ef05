using System.Text.RegularExpressions;

namespace Hub.Deploy.Tests.Manifests;

/// <summary>deploy/k8s, validated offline: what <c>kubectl apply -k deploy/k8s</c> would create is well-formed and wired up.</summary>
public sealed partial class KubernetesManifestTests
{
    private static readonly Dictionary<string, string[]> KnownKinds = new()
    {
        ["v1"] = ["Namespace", "ConfigMap", "Secret", "Service", "PersistentVolumeClaim"],
        ["apps/v1"] = ["Deployment"],
        ["batch/v1"] = ["Job"],
        ["policy/v1"] = ["PodDisruptionBudget"],
        ["autoscaling/v2"] = ["HorizontalPodAutoscaler"],
        ["networking.k8s.io/v1"] = ["Ingress"],
        ["keda.sh/v1alpha1"] = ["ScaledObject"],
        ["monitoring.coreos.com/v1"] = ["PodMonitor"],
    };

    private readonly Kustomization k8s = Kustomization.Render(DeployFiles.Path("deploy", "k8s"));

    private static Manifest Secret => new(DeployFiles.Path("deploy", "k8s", "secrets.example.yaml"), Yaml.Load(DeployFiles.Path("deploy", "k8s", "secrets.example.yaml")));

    [Fact]
    public void Every_manifest_file_is_in_the_kustomization_and_every_object_is_a_known_current_API()
    {
        var listed = k8s.Files.ToHashSet();
        var onDisk = Directory.GetFiles(k8s.Directory, "*.yaml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is not ("kustomization.yaml" or "secrets.example.yaml"));
        Assert.All(onDisk, f => Assert.True(listed.Contains(f), $"{f} is not applied by any kustomization."));
        Assert.NotEmpty(k8s.Objects);
        foreach (var o in k8s.Objects)
        {
            Assert.True(o.ApiVersion is { } v && KnownKinds.TryGetValue(v, out var kinds) && kinds.Contains(o.Kind), $"{o}: unknown or outdated {o.ApiVersion} {o.Kind}.");
            Assert.True(o.Name is { } n && DnsLabel().IsMatch(n), $"{o}: metadata.name must be a DNS label.");
        }
        Assert.Equal(k8s.Objects.Count, k8s.Objects.Select(o => (o.Kind, o.Name)).Distinct().Count());
    }

    [Fact]
    public void Deployments_select_their_own_pods_run_restricted_with_resources_and_probe_alive_and_health()
    {
        foreach (var d in k8s.OfKind("Deployment"))
        {
            var selector = d.Node.Map("spec.selector.matchLabels");
            var labels = d.PodTemplate.Map("metadata.labels");
            Assert.NotEmpty(selector);
            Assert.All(selector, s => Assert.True(labels.GetValueOrDefault(s.Key) == s.Value, $"{d}: selector {s.Key}={s.Value} does not match the pod labels."));
            AssertRestricted(d);
            foreach (var c in d.PodTemplate.Items("spec.containers"))
            {
                Assert.True(c.Text("resources.requests.cpu") is not null && c.Text("resources.requests.memory") is not null, $"{d}: {c.Text("name")} needs cpu and memory requests.");
                Assert.True(c.Text("resources.limits.memory") is not null, $"{d}: {c.Text("name")} needs a memory limit.");
                var ports = c.Items("ports").Select(p => p.Text("name")).ToHashSet();
                Assert.Equal("/health", c.Text("readinessProbe.httpGet.path"));
                Assert.Equal("/alive", c.Text("livenessProbe.httpGet.path"));
                Assert.Equal("/alive", c.Text("startupProbe.httpGet.path"));
                foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
                    Assert.Contains(c.Text($"{probe}.httpGet.port"), ports);
                // The kustomization's images: entry pins every image to a registry name and a release tag.
                Assert.Matches("^[a-z0-9.-]+/[a-z0-9/-]+:[0-9][0-9A-Za-z.-]*$", c.Text("image"));
            }
        }
    }

    [Fact]
    public void Pods_mount_only_declared_volumes_claims_configmaps_and_secrets_that_exist()
    {
        var claims = k8s.OfKind("PersistentVolumeClaim").Select(c => c.Name).ToHashSet();
        var configMaps = k8s.OfKind("ConfigMap").Select(c => c.Name).ToHashSet();
        foreach (var workload in k8s.Objects.Where(o => o.PodTemplate is not null))
        {
            var volumes = workload.PodTemplate.Items("spec.volumes").ToDictionary(v => v.Text("name")!);
            foreach (var c in workload.Containers)
            {
                Assert.All(c.Items("volumeMounts"), m => Assert.True(volumes.ContainsKey(m.Text("name")!), $"{workload}: mount {m.Text("name")} has no volume."));
                foreach (var source in c.Items("envFrom"))
                {
                    if (source.Text("configMapRef.name") is { } cm) Assert.Contains(cm, configMaps);
                    if (source.Text("secretRef.name") is { } secret) Assert.Equal(Secret.Name, secret);
                }
            }
            foreach (var claim in volumes.Values.Select(v => v.Text("persistentVolumeClaim.claimName")).OfType<string>())
                Assert.Contains(claim, claims);
        }
    }

    [Fact]
    public void Every_hub_setting_given_to_a_pod_is_one_the_hub_reads()
    {
        var names = k8s.OfKind("ConfigMap").SelectMany(c => c.Node.Map("data").Keys)
            .Concat(Secret.Node.Map("stringData").Keys)
            .Concat(k8s.Objects.SelectMany(o => o.Containers).SelectMany(c => c.Items("env")).Select(e => e.Text("name")!));
        Assert.All(names, n => Assert.Null(HubSettings.Problem(n)));
    }

    [Fact]
    public void Hub_runs_several_replicas_on_a_shared_RWX_volume_behind_a_PDB_service_and_ingress()
    {
        var hub = k8s.Get("Deployment", "hub");
        Assert.True(int.Parse(hub.Node.Text("spec.replicas")!, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        var container = hub.PodTemplate.Items("spec.containers").Single();
        Assert.Equal("api,web", container.Items("env").Single(e => e.Text("name") == "Hub__Roles").Text("value"));
        var settings = k8s.Get("ConfigMap", "hub-settings").Node.Map("data");
        var dataMount = container.Items("volumeMounts").Single(m => m.Text("mountPath") == settings["Hub__DataDir"]);
        Assert.StartsWith(settings["Hub__DataDir"] + "/", settings["Hub__Storage__RepoRoot"], StringComparison.Ordinal);
        var claim = hub.PodTemplate.Items("spec.volumes").Single(v => v.Text("name") == dataMount.Text("name")).Text("persistentVolumeClaim.claimName");
        Assert.Contains("ReadWriteMany", k8s.Get("PersistentVolumeClaim", claim!).Node.At("spec.accessModes")!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("false", settings["Hub__Database__MigrateOnStart"]);

        var podLabels = hub.PodTemplate.Map("metadata.labels");
        var pdb = k8s.OfKind("PodDisruptionBudget").Single(p => Selects(p.Node.Map("spec.selector.matchLabels"), podLabels));
        Assert.True(pdb.Node.Text("spec.minAvailable") is "1" || pdb.Node.Text("spec.maxUnavailable") is "1");
        Assert.Equal("hub", k8s.Get("HorizontalPodAutoscaler", "hub").Node.Text("spec.scaleTargetRef.name"));
        Assert.True(int.Parse(k8s.Get("HorizontalPodAutoscaler", "hub").Node.Text("spec.minReplicas")!, System.Globalization.CultureInfo.InvariantCulture) >= 2);

        var service = k8s.OfKind("Service").Single(s => Selects(s.Node.Map("spec.selector"), podLabels));
        var containerPorts = container.Items("ports").Select(p => p.Text("name")).ToHashSet();
        Assert.All(service.Node.Items("spec.ports"), p => Assert.Contains(p.Text("targetPort"), containerPorts));
        var ingress = k8s.OfKind("Ingress").Single();
        var backends = ingress.Node.Items("spec.rules").SelectMany(r => r.Items("http.paths")).Select(p => p.At("backend.service")).ToArray();
        Assert.All(backends, b => Assert.Equal(service.Name, b.Text("name")));
        Assert.All(backends, b => Assert.Contains(b.Text("port.name"), service.Node.Items("spec.ports").Select(p => p.Text("name"))));
    }

    [Fact]
    public void Ingress_lets_multi_gigabyte_uploads_and_hour_long_transfers_through_unbuffered()
    {
        var annotations = k8s.OfKind("Ingress").Single().Node.Map("metadata.annotations");
        const string nginx = "nginx.ingress.kubernetes.io/";
        Assert.Equal("0", annotations[nginx + "proxy-body-size"]);
        Assert.Equal("off", annotations[nginx + "proxy-request-buffering"]);
        Assert.Equal("off", annotations[nginx + "proxy-buffering"]);
        Assert.True(int.Parse(annotations[nginx + "proxy-read-timeout"], System.Globalization.CultureInfo.InvariantCulture) >= 600);
        Assert.True(int.Parse(annotations[nginx + "proxy-send-timeout"], System.Globalization.CultureInfo.InvariantCulture) >= 600);
    }

    [Fact]
    public void Migration_job_runs_the_migrate_command_of_the_hub_image_once()
    {
        var job = k8s.OfKind("Job").Single();
        var container = job.PodTemplate.Items("spec.containers").Single();
        Assert.Equal(["migrate"], container.At("args")!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(k8s.Get("Deployment", "hub").PodTemplate.Items("spec.containers").Single().Text("image"), container.Text("image"));
        Assert.Contains(job.PodTemplate.Text("spec.restartPolicy"), new[] { "OnFailure", "Never" });
        Assert.NotNull(job.Node.Text("spec.backoffLimit"));
        AssertRestricted(job);
    }

    [Fact]
    public void Inference_workers_take_a_GPU_each_and_scale_on_metrics_the_worker_exports()
    {
        var workers = k8s.Get("Deployment", "hub-inference");
        var container = workers.PodTemplate.Items("spec.containers").Single();
        Assert.Equal("1", container.At("resources.requests")?["nvidia.com/gpu"]?.GetValue<string>());
        Assert.Equal("1", container.At("resources.limits")?["nvidia.com/gpu"]?.GetValue<string>());
        Assert.Equal("inference", container.Items("env").Single(e => e.Text("name") == "Hub__Roles").Text("value"));

        var scaler = k8s.OfKind("ScaledObject").Single();
        Assert.Equal(workers.Name, scaler.Node.Text("spec.scaleTargetRef.name"));
        Assert.True(int.Parse(scaler.Node.Text("spec.maxReplicaCount")!, System.Globalization.CultureInfo.InvariantCulture) > 1);
        var exported = InferenceMetricNames();
        foreach (var trigger in scaler.Node.Items("spec.triggers"))
        {
            Assert.Equal("prometheus", trigger.Text("type"));
            Assert.NotNull(trigger.Text("metadata.serverAddress"));
            Assert.NotNull(trigger.Text("metadata.threshold"));
            var used = PrometheusName().Matches(trigger.Text("metadata.query")!).Select(m => m.Value).ToArray();
            Assert.NotEmpty(used);
            Assert.All(used, name => Assert.True(exported.Any(e => name == e || name.StartsWith(e + "_", StringComparison.Ordinal)),
                $"{name} is not a Prometheus name of a Hub.Inference instrument ({string.Join(", ", exported)})."));
        }
    }

    /// <summary>The Prometheus names of the Hub.Inference instruments (OpenTelemetry's rules: unit suffix, _total for counters).</summary>
    private static string[] InferenceMetricNames() =>
        [.. typeof(Hub.Inference.InferenceTelemetry).GetFields()
            .Select(f => f.GetValue(null)).OfType<System.Diagnostics.Metrics.Instrument>()
            .Select(i => i.Name.Replace('.', '_') + (i.Unit switch { "ms" => "_milliseconds", "s" => "_seconds", "By" => "_bytes", _ => "" })
                + (i.GetType().Name.StartsWith("Counter", StringComparison.Ordinal) ? "_total" : ""))];

    private static bool Selects(Dictionary<string, string> selector, Dictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(s => labels.GetValueOrDefault(s.Key) == s.Value);

    /// <summary>The Pod Security Standard "restricted" (the namespace enforces it).</summary>
    private static void AssertRestricted(Manifest workload)
    {
        var pod = workload.PodTemplate!;
        Assert.Equal("true", pod.Text("spec.securityContext.runAsNonRoot"));
        Assert.Equal("RuntimeDefault", pod.Text("spec.securityContext.seccompProfile.type"));
        Assert.NotEqual("0", pod.Text("spec.securityContext.runAsUser"));
        foreach (var c in workload.Containers)
        {
            Assert.Equal("false", c.Text("securityContext.allowPrivilegeEscalation"));
            Assert.Equal(["ALL"], c.At("securityContext.capabilities.drop")!.AsArray().Select(a => a!.GetValue<string>()));
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("hub_[a-z_]+")]
    private static partial Regex PrometheusName();
}
