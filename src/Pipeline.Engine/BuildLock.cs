using System.Text;

namespace Pipeline.Engine;

/// <summary>
/// One writing build per checkout: an exclusive OS lock on <c>.nuke/temp/build.lock</c>, held for the whole run and
/// released by the kernel when the process ends however it ends (kill -9 included), so a stale lock cannot exist.
/// The holder writes its pid into <c>build.lock.pid</c> beside it (the locked file itself cannot be read by another
/// process while locked), so a second build can say whom it waits for.
/// </summary>
internal sealed class BuildLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly FileStream _stream;

    private BuildLock(FileStream stream) => _stream = stream;

    /// <summary>The lock file of the checkout at <paramref name="root"/>.</summary>
    public static AbsolutePath PathIn(AbsolutePath root) => root / ".nuke" / "temp" / "build.lock";

    /// <summary>
    /// Takes the lock of <paramref name="root"/>. Held by another build: waits (saying so once) until it is free,
    /// or with <paramref name="wait"/> false throws <see cref="BuildLockedException"/> at once.
    /// </summary>
    public static async Task<BuildLock> AcquireAsync(AbsolutePath root, bool wait, BuildOutput output, CancellationToken cancellationToken)
    {
        var path = PathIn(root);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var announced = false;
        while (true)
        {
            if (TryTake(path) is { } taken)
            {
                if (announced) output.WriteLine($"Got the build lock {path}; continuing.", Verbosity.Minimal);
                return taken;
            }
            var holder = Holder(path);
            if (!wait)
                throw new BuildLockedException(
                    $"Another build ({holder}) holds {path}, so this one stopped (--no-wait): two builds writing artifacts/ and .nuke/state/ at once would mix their results. Run again when it has finished, or without --no-wait to wait for it.");
            if (!announced)
            {
                output.WriteLine($"another build ({holder}) holds {path}; waiting", Verbosity.Minimal);
                announced = true;
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static BuildLock? TryTake(string path)
    {
        FileStream stream;
        try
        {
            // FileShare.None is an exclusive flock on Unix (LockFileEx-like sharing on Windows): one holder at a time.
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
        stream.SetLength(0);
        stream.Write(Encoding.UTF8.GetBytes($"{Environment.ProcessId}\n"));
        stream.Flush();
        try
        {
            File.WriteAllText(path + ".pid", $"{Environment.ProcessId}\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only the waiting message loses the pid.
        }
        return new BuildLock(stream);
    }

    /// <summary>"pid N" as the holder recorded it.</summary>
    private static string Holder(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path + ".pid").Trim(), out var pid) ? $"pid {pid}" : "pid unknown";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "pid unknown";
        }
    }

    public void Dispose() => _stream.Dispose();
}

/// <summary>Another build holds the checkout's lock and the invocation asked not to wait.</summary>
internal sealed class BuildLockedException(string message) : Exception(message);
