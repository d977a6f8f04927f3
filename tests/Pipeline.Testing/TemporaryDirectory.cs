namespace Pipeline.Testing;

/// <summary>A fresh folder under the system temp folder, deleted (best effort) when the test disposes it.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    /// <summary>Creates the folder; <paramref name="prefix"/> names it, so a leftover says which tests left it.</summary>
    public TemporaryDirectory(string prefix = "pipeline-tests-")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The full path of <paramref name="relative"/> inside the folder (nothing is created).</summary>
    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes <paramref name="text"/> to <paramref name="relative"/> (creating folders) and returns its full path.</summary>
    public string Write(string relative, string text)
    {
        var file = Prepare(relative);
        File.WriteAllText(file, text);
        return file;
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="relative"/> (creating folders) and returns its full path.</summary>
    public string Write(string relative, byte[] bytes)
    {
        var file = Prepare(relative);
        File.WriteAllBytes(file, bytes);
        return file;
    }

    /// <summary>True when <paramref name="relative"/> is a file inside the folder.</summary>
    public bool Exists(string relative) => File.Exists(this[relative]);

    /// <summary>Deletes the folder; a folder left behind (a file still open) is harmless, so failures are ignored.</summary>
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private string Prepare(string relative)
    {
        var file = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        return file;
    }
}
