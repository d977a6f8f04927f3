using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pipeline.Oci.Tests;

/// <summary>
/// A real OCI registry for the tests: Debian's <c>docker-registry</c> (Distribution 2.8) started on 127.0.0.1 with its
/// own storage folder, deletion enabled and, optionally, htpasswd (Basic) authentication. On a laptop without the
/// package the tests skip with the reason; on CI (CI=true) they fail instead, since .ci/run installs it.
/// </summary>
public sealed class DistributionRegistry : IDisposable
{
    public const string Binary = "/usr/bin/docker-registry";
    private readonly Process _process;

    private DistributionRegistry(string folder, int port, Process process)
    {
        Folder = folder;
        Port = port;
        _process = process;
    }

    public string Folder { get; }
    public int Port { get; }

    /// <summary>The address of repository <paramref name="repository"/> on this registry.</summary>
    public OciRepositoryAddress Address(string repository = "pipeline/tests") => OciRepositoryAddress.Parse($"oci+http://127.0.0.1:{Port}/{repository}");

    /// <summary>Where the registry keeps blob <paramref name="digest"/> on disk (to damage it in a test).</summary>
    public string BlobDataPath(string digest)
    {
        var hex = digest["sha256:".Length..];
        return Path.Combine(Folder, "data", "docker", "registry", "v2", "blobs", "sha256", hex[..2], hex, "data");
    }

    public static DistributionRegistry Start(string? username = null, string? password = null)
    {
        SkipLocally.Unless(File.Exists(Binary), "Debian's docker-registry is not installed (apt-get install docker-registry); .ci/run installs it.");
        var folder = Path.Combine(Path.GetTempPath(), "oci-registry-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var auth = "";
        if (username is not null)
        {
            File.WriteAllText(Path.Combine(folder, "htpasswd"), $"{username}:{Bcrypt(password!)}\n");
            auth = $"auth:\n  htpasswd:\n    realm: pipeline-tests\n    path: {folder}/htpasswd\n";
        }
        var config = Path.Combine(folder, "config.yml");
        File.WriteAllText(config, $"""
            version: 0.1
            log:
              level: error
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {folder}/data
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
              secret: {Guid.NewGuid():N}
            {auth}
            """.Replace("\n            ", "\n"));
        var process = Process.Start(new ProcessStartInfo(Binary, ["serve", config]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new DistributionRegistry(folder, port, process);
        registry.WaitUntilServing();
        return registry;
    }

    private void WaitUntilServing()
    {
        // Generous bounds: on a loaded CI machine the registry's first answer can take seconds. A request that times
        // out is one more attempt, not a failure.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode} before serving.");
            try
            {
                var status = http.GetAsync($"http://127.0.0.1:{Port}/v2/").GetAwaiter().GetResult().StatusCode;
                if (status is HttpStatusCode.OK or HttpStatusCode.Unauthorized) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            Thread.Sleep(100);
        }
        throw new InvalidOperationException("docker-registry did not serve /v2/ within 120 s.");
    }

    // htpasswd wants bcrypt; Python's crypt module (glibc) makes one without another package.
    private static string Bcrypt(string password)
    {
        using var python = Process.Start(new ProcessStartInfo("python3", ["-c", "import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH)))", password])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var hash = python.StandardOutput.ReadToEnd().Trim();
        python.WaitForExit();
        return hash.StartsWith("$2", StringComparison.Ordinal) ? hash : throw new InvalidOperationException("python3 could not make a bcrypt hash for htpasswd.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); } } catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
