namespace Pipeline.Delivery.Docker;

/// <summary>What to put into a scoring-service image and how to name it.</summary>
/// <param name="ServingProject">Path of <c>Pipeline.Serving.csproj</c>.</param>
/// <param name="ModelVersionDirectory">The registry version folder (model.zip, metadata.json, spec.json, schemas).</param>
/// <param name="ImageName">Repository name of the image, e.g. <c>pipeline-ai4i2020</c>.</param>
/// <param name="BaseImage">Base image reference, or <see cref="HostRuntimeBaseImage.ParameterValue"/> to make one from this machine's runtime.</param>
/// <param name="Commit">The source commit; becomes a tag and the <c>org.opencontainers.image.revision</c> label.</param>
/// <param name="WorkDirectory">Scratch folder for the published service.</param>
/// <param name="PushRegistry">Registry host (e.g. <c>localhost:5000</c>) to push both tags to, or null for no push.</param>
public sealed record ContainerizeRequest(
    string ServingProject,
    string ModelVersionDirectory,
    string ImageName,
    string BaseImage,
    string Commit,
    string WorkDirectory,
    string? PushRegistry = null)
{
    /// <summary>The official ASP.NET Core runtime image, the default base.</summary>
    public const string DefaultBaseImage = "mcr.microsoft.com/dotnet/aspnet:10.0";
}
