using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Delivery.Docker;
using Pipeline.Delivery.Local;
using Pipeline.Serving.Tests;

namespace Pipeline.Delivery.Tests.Docker;

/// <summary>
/// Shared by the Docker integration tests: a real engine, the base image made from this machine's runtime
/// (imported once, reused while unchanged), a model trained and registered on simulator data, and the
/// scoring-service image built from it once per test run. Removes its containers and images afterwards.
/// </summary>
public sealed class DockerFixture : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("docker-fixture-").FullName;
    private string? _unavailableReason;

    /// <summary>A name unique to this test run, used for the image and the services.</summary>
    public string RunName { get; } = $"pipeline-test-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The registered model's version folder.</summary>
    public string VersionDirectory { get; private set; } = "";

    /// <summary>The scoring-service image built from it.</summary>
    public BuiltImage Image { get; private set; } = null!;

    /// <summary>The commit the image was tagged with.</summary>
    public string Commit { get; } = "0123456789abcdef0123456789abcdef01234567";

    /// <summary>Scratch folder of this run.</summary>
    public string WorkDirectory => _work;

    public async Task InitializeAsync()
    {
        if (!await DockerEngine.IsReachableAsync())
        {
            _unavailableReason = $"No Docker engine answers at {DockerEngine.Endpoint}; start one with .ci/docker-engine.sh.";
            return;
        }
        VersionDirectory = TestModel.RegisterVersion(Path.Combine(_work, "registry"));
        Image = await ServingImageBuilder.BuildAsync(new ContainerizeRequest(
            RepositoryPaths.ServingProject, VersionDirectory, RunName, HostRuntimeBaseImage.ParameterValue, Commit, Path.Combine(_work, "containerize")));
    }

    /// <summary>Skips the calling test without an engine, except on CI, where it fails.</summary>
    public void RequireEngine() => SkipLocally.Unless(_unavailableReason is null, _unavailableReason ?? "");

    /// <summary>A client for the tests' own inspections.</summary>
    public Task<DockerClient> ClientAsync() => DockerEngine.ConnectAsync();

    /// <summary>A port p such that p and p + 1 are both free (the deployer alternates between them).</summary>
    public static int FreePortPair()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var first = new TcpListener(IPAddress.Loopback, 0);
            first.Start();
            var port = ((IPEndPoint)first.LocalEndpoint).Port;
            if (port >= 65535) continue;
            try
            {
                using var second = new TcpListener(IPAddress.Loopback, port + 1);
                second.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
        throw new InvalidOperationException("No two adjacent free ports found.");
    }

    public async Task DisposeAsync()
    {
        if (_unavailableReason is null)
        {
            using var client = await DockerEngine.ConnectAsync();
            var containers = await client.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [LocalDeployer.ServiceLabel] = true } },
            });
            foreach (var container in containers.Where(c => c.Labels[LocalDeployer.ServiceLabel].StartsWith(RunName, StringComparison.Ordinal)))
            {
                await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
            }
            var images = await client.Images.ListImagesAsync(new ImagesListParameters { All = true });
            foreach (var image in images.Where(i => i.RepoTags?.Any(t => t.Contains(RunName, StringComparison.Ordinal)) == true))
            {
                try
                {
                    await client.Images.DeleteImageAsync(image.ID, new ImageDeleteParameters { Force = true });
                }
                catch (DockerApiException)
                {
                    // Already removed with a child image.
                }
            }
        }
        Directory.Delete(_work, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerFixture>
{
    public const string Name = "Docker engine";
}
