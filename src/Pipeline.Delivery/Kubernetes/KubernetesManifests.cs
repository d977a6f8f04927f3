using k8s;
using k8s.Models;

namespace Pipeline.Delivery.Kubernetes;

/// <summary>
/// The four objects of a scoring-service deployment: a ConfigMap with the service's settings, a Deployment
/// (readiness probe on /ready, liveness on /health), a Service and a HorizontalPodAutoscaler.
/// </summary>
/// <param name="ConfigMap">The service's settings as environment variables.</param>
/// <param name="Deployment">The pods.</param>
/// <param name="Service">The stable address in front of them.</param>
/// <param name="Autoscaler">Scales on CPU.</param>
public sealed record KubernetesManifests(V1ConfigMap ConfigMap, V1Deployment Deployment, V1Service Service, V2HorizontalPodAutoscaler Autoscaler)
{
    /// <summary>The field manager named in server-side apply.</summary>
    public const string FieldManager = "pipeline-deploy";

    /// <summary>The pod-template annotation that records the model version, which a rollback reads back.</summary>
    public const string ModelVersionAnnotation = "pipeline/model-version";

    /// <summary>Renders the manifests for <paramref name="settings"/>.</summary>
    public static KubernetesManifests Render(KubernetesDeploySettings settings)
    {
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = settings.Name, ["app.kubernetes.io/managed-by"] = FieldManager };
        var podLabels = new Dictionary<string, string>(labels) { ["pipeline.model.version"] = Docker.ServingImageBuilder.SanitizeTag(settings.ModelVersion) };
        V1ObjectMeta Meta() => new() { Name = settings.Name, NamespaceProperty = settings.Namespace, Labels = new Dictionary<string, string>(labels) };

        var configMap = new V1ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap", Metadata = Meta(),
            Data = new Dictionary<string, string>
            {
                ["Serving__Port"] = settings.ContainerPort.ToString(),
                ["Serving__ListenAddress"] = "0.0.0.0",
                ["Serving__InferenceLogDirectory"] = Docker.ServingDockerfile.InferenceLogDirectory,
                ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
            },
        };

        V1Probe Probe(string path, int period) => new()
        {
            HttpGet = new V1HTTPGetAction { Path = path, Port = settings.ContainerPort },
            PeriodSeconds = period,
            TimeoutSeconds = 3,
            FailureThreshold = 3,
        };
        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1", Kind = "Deployment", Metadata = Meta(),
            Spec = new V1DeploymentSpec
            {
                Replicas = settings.MinReplicas,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = settings.Name } },
                ProgressDeadlineSeconds = (int)Math.Ceiling(settings.RolloutTimeout.TotalSeconds),
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    // Never below the current capacity: a new pod must be ready before an old one goes.
                    RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 },
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        Labels = podLabels,
                        Annotations = new Dictionary<string, string> { [ModelVersionAnnotation] = settings.ModelVersion, ["prometheus.io/scrape"] = "true", ["prometheus.io/path"] = "/metrics" },
                    },
                    Spec = new V1PodSpec
                    {
                        SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, RunAsUser = Docker.HostRuntimeBaseImage.AppUserId },
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "scoring",
                                Image = settings.Image,
                                Ports = [new V1ContainerPort { ContainerPort = settings.ContainerPort, Name = "http" }],
                                EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = settings.Name } }],
                                ReadinessProbe = Probe("/ready", 5),
                                LivenessProbe = Probe("/health", 10),
                                Resources = new V1ResourceRequirements
                                {
                                    Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("256Mi") },
                                    Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("1Gi") },
                                },
                            },
                        ],
                    },
                },
            },
        };

        var service = new V1Service
        {
            ApiVersion = "v1", Kind = "Service", Metadata = Meta(),
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app.kubernetes.io/name"] = settings.Name },
                Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = settings.ContainerPort }],
            },
        };

        var autoscaler = new V2HorizontalPodAutoscaler
        {
            ApiVersion = "autoscaling/v2", Kind = "HorizontalPodAutoscaler", Metadata = Meta(),
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = settings.Name },
                MinReplicas = settings.MinReplicas,
                MaxReplicas = settings.MaxReplicas,
                Metrics =
                [
                    new V2MetricSpec
                    {
                        Type = "Resource",
                        Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = settings.TargetCpuUtilization } },
                    },
                ],
            },
        };
        return new KubernetesManifests(configMap, deployment, service, autoscaler);
    }

    /// <summary>The four objects in apply order: ConfigMap, Deployment, Service, HorizontalPodAutoscaler.</summary>
    public IReadOnlyList<object> Objects() => [ConfigMap, Deployment, Service, Autoscaler];

    /// <summary>All four objects as one multi-document YAML, in apply order.</summary>
    public string ToYaml() => string.Join("---\n", Objects().Select(o => KubernetesYaml.Serialize(o).TrimEnd() + "\n"));

    /// <summary>Writes <c>kubernetes.yaml</c> into <paramref name="directory"/> and returns its path.</summary>
    public string WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "kubernetes.yaml");
        File.WriteAllText(path, ToYaml());
        return path;
    }
}
