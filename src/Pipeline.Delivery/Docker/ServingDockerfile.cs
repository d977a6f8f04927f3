namespace Pipeline.Delivery.Docker;

/// <summary>
/// The Dockerfile of a scoring-service image, its layers ordered from the least to the most often changed: the base, the
/// published service (<see cref="ServiceContextPath"/>) and the service's settings, then the model version folder
/// (<see cref="ModelContextPath"/>) as the last, small layer. A new model version rebuilds only that layer: the engine's
/// build cache keeps the others as long as the base and the service's files are the same. The image's labels follow in
/// one LABEL instruction: the engine's API adds each label it is given as an instruction of its own, and with the vfs
/// storage driver every instruction not in the cache costs a full copy of the filesystem.
/// </summary>
public static class ServingDockerfile
{
    /// <summary>The build context's folder holding the published service.</summary>
    public const string ServiceContextPath = "app";

    /// <summary>The build context's folder holding the model's registry version folder.</summary>
    public const string ModelContextPath = "model";

    /// <summary>Where the model's registry version folder lives in the image.</summary>
    public const string ModelDirectory = "/app/model";

    /// <summary>Where the service writes its inference log inside the container (mount a volume here to keep it).</summary>
    public const string InferenceLogDirectory = "/tmp/inference-log";

    /// <summary>The port the service listens on unless <c>Serving__Port</c> says otherwise.</summary>
    public const int DefaultPort = 8080;

    /// <summary>
    /// Renders the Dockerfile for <paramref name="baseImage"/>; <paramref name="entryAssembly"/> is the service's dll name,
    /// <paramref name="labels"/> the image's labels (none when null).
    /// </summary>
    public static string Render(string baseImage, string entryAssembly, IReadOnlyDictionary<string, string>? labels = null) =>
        Instructions(baseImage, entryAssembly) + LabelInstruction(labels);

    /// <summary>One LABEL instruction setting every label (values quoted, so any text is kept as it is), or nothing.</summary>
    private static string LabelInstruction(IReadOnlyDictionary<string, string>? labels) =>
        labels is null || labels.Count == 0
            ? ""
            : "LABEL " + string.Join(" \\\n      ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{Quote(l.Key)}={Quote(l.Value)}")) + "\n";

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("$", "\\$", StringComparison.Ordinal) + "\"";

    private static string Instructions(string baseImage, string entryAssembly) => $"""
        FROM {baseImage}
        # With the vfs storage driver every layer is a full copy of the filesystem: few layers, and the cached ones are free.
        COPY {ServiceContextPath}/ /app/
        WORKDIR /app
        ENV Serving__ModelPath={ModelDirectory} \
            Serving__Port={DefaultPort} \
            Serving__InferenceLogDirectory={InferenceLogDirectory} \
            DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \
            DOTNET_CLI_TELEMETRY_OPTOUT=1
        # A numeric id needs no /etc/passwd entry, so any base image works; 1654 is the official images' app user.
        USER {HostRuntimeBaseImage.AppUserId}
        # The service binary probes itself: minimal base images have no curl.
        HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["dotnet", "/app/{entryAssembly}", "--healthcheck"]
        ENTRYPOINT ["dotnet", "/app/{entryAssembly}"]
        # Last: the only layer a new model version changes (and the lineage labels after it).
        COPY {ModelContextPath}/ {ModelDirectory}/

        """;
}
