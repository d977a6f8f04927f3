namespace Pipeline.Engine.Tests;

/// <summary>A throw-away repository root (a temp folder holding .nuke/) for one test.</summary>
public sealed class TestRoot : IDisposable
{
    private readonly TemporaryDirectory _directory = new("engine-tests-");

    public TestRoot() => Directory.CreateDirectory(_directory[".nuke"]);

    public string Path => _directory.Path;

    public AbsolutePath Absolute => AbsolutePath.Create(Path);

    /// <summary>Writes a file under the root (creating folders) and returns its full path.</summary>
    public string Write(string relativePath, string content) => _directory.Write(relativePath, content);

    public bool Exists(string relativePath) => _directory.Exists(relativePath);

    public void Dispose() => _directory.Dispose();
}

/// <summary>Base of the engine's test classes: each test gets its own <see cref="TestRoot"/>.</summary>
public abstract class EngineTest : IDisposable
{
    protected TestRoot Root { get; } = new();

    public void Dispose() => Root.Dispose();
}
