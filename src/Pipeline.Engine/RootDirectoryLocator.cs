namespace Pipeline.Engine;

/// <summary>Finds the repository root: the nearest folder, upward from a start folder, that holds <c>.nuke/</c>.</summary>
internal static class RootDirectoryLocator
{
    public static AbsolutePath FromCurrentDirectory() => Find(Environment.CurrentDirectory);

    public static AbsolutePath Find(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                return AbsolutePath.Create(directory.FullName);
        }
        throw new BuildDefinitionException(
            $"Could not find the root directory: no folder from '{startDirectory}' upward holds a '.nuke' folder. Run from inside the repository or pass --root <folder>.");
    }
}
