namespace Pipeline.Serving;

/// <summary>
/// The folder relative <c>Serving:*</c> paths are resolved against: the repository root (the nearest folder upward
/// from the current directory that holds <c>.nuke/</c>, as the build finds it) when the service runs inside a
/// checkout, so <c>dotnet run --project src/Pipeline.Serving</c> finds <c>models/registry</c> whether it is started
/// from the root or from the project's folder; otherwise (a container, a published folder) the current directory.
/// </summary>
public static class ServingBaseDirectory
{
    /// <summary>The base folder for a service started in <paramref name="currentDirectory"/>.</summary>
    public static string Find(string currentDirectory)
    {
        for (var directory = new DirectoryInfo(currentDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
            {
                return directory.FullName;
            }
        }
        return Path.GetFullPath(currentDirectory);
    }
}
