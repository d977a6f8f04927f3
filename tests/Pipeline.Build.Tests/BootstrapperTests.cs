namespace Pipeline.Build.Tests;

/// <summary>
/// build.sh on a fresh clone: the first run compiles with progress, the second compiles nothing (also after Containerize
/// published the service, which creates bin/ and obj/ under src/), a changed list of sources compiles again; and without
/// a .NET SDK and without network it says what to install.
/// </summary>
public sealed class BootstrapperTests
{
    private const string CompilingLine = "Compiling build/_build.csproj";
    private static readonly TimeSpan FirstCompile = TimeSpan.FromMinutes(10);

    [Fact]
    public void FirstRun_ShowsRestoreAndCompileProgress_SecondRunCompilesNothing_EvenAfterAPublishUnderSrc()
    {
        using var clone = BootstrapperScript.Sources();
        try
        {
            var first = clone.Run(FirstCompile, null, "--help");

            Assert.True(first.ExitCode == 0, first.Output);
            Assert.Contains($"{CompilingLine} and the 7 projects it references", first.Output);
            Assert.Contains("[restore]", first.Output);
            Assert.Matches(@"\[compile\] Pipeline\.Engine \(\d/8, \d+ s\)", first.Output);
            Assert.Matches(@"\[compile\] _build \(8/8, \d+ s\)", first.Output);
            Assert.Contains("Targets:", first.Output, StringComparison.OrdinalIgnoreCase);

            // What Containerize's `dotnet publish` of the service leaves under src/: new bin/ and obj/ folders.
            Directory.CreateDirectory(Path.Combine(clone.Root, "src", "Pipeline.Serving", "bin", "Release", "net10.0", "publish"));
            Directory.CreateDirectory(Path.Combine(clone.Root, "src", "Pipeline.Serving", "obj", "Release"));
            var second = clone.Run(TimeSpan.FromMinutes(2), null, "--help");

            Assert.True(second.ExitCode == 0, second.Output);
            Assert.DoesNotContain(CompilingLine, second.Output);
            Assert.Contains("Targets:", second.Output, StringComparison.OrdinalIgnoreCase);

            // A new source file (its folder's time alone no longer counts) makes the next run compile.
            File.WriteAllText(Path.Combine(clone.Root, "src", "Pipeline.Engine", "Added.cs"), "namespace Pipeline.Engine; internal static class Added { }\n");
            Assert.StartsWith(CompilingLine, clone.FirstLine("--help"));
        }
        finally
        {
            clone.WaitForBackgroundWork(TimeSpan.FromMinutes(3));
        }
    }

    [Fact]
    public void NoSdkAndNoNetwork_SaysWhichSdkToInstallAndHow_NotCurlsError()
    {
        using var clone = BootstrapperScript.Bare();
        var tools = ToolsWithout(clone, "dotnet");

        var (exitCode, output, _) = clone.Run(TimeSpan.FromMinutes(1), new Dictionary<string, string?>
        {
            ["PATH"] = tools,
            // Nothing listens on the discard port: the download fails at once, as without network.
            ["DOTNET_INSTALL_URL"] = "http://127.0.0.1:9/dotnet-install.sh",
        }, "--help");

        Assert.Equal(1, exitCode);
        Assert.Contains("needs a .NET 10.0 SDK (10.0.100 or a newer 10.0 feature band", output);
        Assert.Contains("there is no dotnet on PATH", output);
        Assert.Contains("Install the .NET 10.0 SDK, then run ./build.sh again", output);
        Assert.Contains("https://dotnet.microsoft.com/download/dotnet/10.0", output);
        Assert.DoesNotContain("curl:", output);
    }

    [Fact]
    public void OnlyAnUnfittingSdkAndNoNetwork_NamesTheSdkFound()
    {
        using var clone = BootstrapperScript.Bare();
        var tools = ToolsWithout(clone, "dotnet");
        // A dotnet whose SDKs do not fit global.json: `--version` fails in the root, as the real one does then.
        var fake = Path.Combine(tools, "dotnet");
        File.WriteAllText(fake, "#!/bin/bash\ncase \"$1\" in --list-sdks) echo '8.0.404 [/opt/dotnet/sdk]' ;; *) exit 145 ;; esac\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var (exitCode, output, _) = clone.Run(TimeSpan.FromMinutes(1), new Dictionary<string, string?>
        {
            ["PATH"] = tools,
            ["DOTNET_INSTALL_URL"] = "http://127.0.0.1:9/dotnet-install.sh",
        }, "--help");

        Assert.Equal(1, exitCode);
        Assert.Contains($"the dotnet on PATH ({fake}) has the SDK(s) 8.0.404, none of which fits", output);
        Assert.Contains("Install the .NET 10.0 SDK", output);
    }

    /// <summary>A folder of links to the machine's tools that build.sh uses, without <paramref name="missing"/>.</summary>
    private static string ToolsWithout(BootstrapperScript clone, string missing)
    {
        var tools = Directory.CreateDirectory(Path.Combine(clone.Root, ".tools-" + missing)).FullName;
        foreach (var tool in new[] { "bash", "sed", "head", "cut", "mkdir", "chmod", "curl", "dirname", "uname", "find", "cat", "rm", "paste", "sort", "cksum", "sha256sum", "wc", "realpath" })
        {
            var path = new[] { "/usr/bin", "/bin" }.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
            if (path is not null && tool != missing) File.CreateSymbolicLink(Path.Combine(tools, tool), path);
        }
        return tools;
    }
}
