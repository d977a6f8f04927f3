namespace Pipeline.Delivery.Docker;

/// <summary>The Dockerfile of a scoring-service image: the published service with the model folder inside it.</summary>
public static class ServingDockerfile
{
    /// <summary>Where the model's registry version folder lives in the image.</summary>
    public const string ModelDirectory = "/app/model";

    /// <summary>Where the service writes its inference log inside the container (mount a volume here to keep it).</summary>
    public const string InferenceLogDirectory = "/tmp/inference-log";

    /// <summary>The port the service listens on unless <c>Serving__Port</c> says otherwise.</summary>
    public const int DefaultPort = 8080;

    /// <summary>Renders the Dockerfile for <paramref name="baseImage"/>; <paramref name="entryAssembly"/> is the service's dll name.</summary>
    public static string Render(string baseImage, string entryAssembly) => $"""
        FROM {baseImage}
        # One COPY, one layer: with the vfs storage driver every layer is a full copy of the filesystem.
        COPY app/ /app/
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

        """;
}
