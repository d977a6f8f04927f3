namespace Pipeline.Engine.Tests;

/// <summary>A throw-away repository root (a temp folder holding .nuke/) for one test.</summary>
public sealed class TestRoot : IDisposable
{
    public TestRoot()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "engine-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(System.IO.Path.Combine(Path, ".nuke"));
    }

    public string Path { get; }

    public AbsolutePath Absolute => AbsolutePath.Create(Path);

    /// <summary>Writes a file under the root (creating folders) and returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public bool Exists(string relativePath) => File.Exists(System.IO.Path.Combine(Path, relativePath));

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}

/// <summary>Base of the engine's test classes: each test gets its own <see cref="TestRoot"/>.</summary>
public abstract class EngineTest : IDisposable
{
    protected TestRoot Root { get; } = new();

    public void Dispose() => Root.Dispose();
}
