using System.Text.Json.Nodes;

namespace Pipeline.Serving.Tests;

/// <summary>A registry folder a test owns, holding one registered version of <see cref="TestModel"/>; deleted on dispose.</summary>
public sealed class RegisteredModelFolder : IDisposable
{
    public RegisteredModelFolder()
    {
        Version = TestModel.RegisterVersion(Registry);
        Example = TestModel.InputExample(Version);
    }

    /// <summary>The dataset's registry folder (versions/, stages).</summary>
    public string Registry { get; } = Directory.CreateTempSubdirectory("serving-registry-").FullName;

    /// <summary>The registered version's folder.</summary>
    public string Version { get; }

    /// <summary>The version's input example, one valid record.</summary>
    public JsonObject Example { get; }

    public void Dispose() => Directory.Delete(Registry, recursive: true);
}
