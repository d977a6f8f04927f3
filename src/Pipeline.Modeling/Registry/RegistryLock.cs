namespace Pipeline.Modeling.Registry;

/// <summary>
/// An exclusive lock on a registry folder across processes: a lock file opened with <see cref="FileShare.None"/>.
/// The operating system releases it when its holder dies, so a killed writer never leaves the registry locked.
/// </summary>
internal sealed class RegistryLock : IDisposable
{
    readonly FileStream stream;

    RegistryLock(FileStream stream) => this.stream = stream;

    public static RegistryLock Acquire(string directory, TimeSpan timeout)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, RegistryLayout.LockFile);
        var deadline = DateTime.UtcNow + timeout;
        var delay = 5;
        while (true)
        {
            try
            {
                return new RegistryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 200);
            }
            catch (IOException e)
            {
                throw new ModelingException($"The model registry {directory} stayed locked by another process for {timeout.TotalSeconds:F0} s ({path}); try again when it has finished.", e);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
