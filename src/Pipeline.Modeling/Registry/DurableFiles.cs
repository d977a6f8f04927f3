namespace Pipeline.Modeling.Registry;

/// <summary>Writes that reach the disk before a commit rename: file content flushed, and the folder's entries too.</summary>
internal static class DurableFiles
{
    /// <summary>Creates <paramref name="path"/> with <paramref name="content"/> and flushes it to disk.</summary>
    public static void Write(string path, byte[] content)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Flushes an existing file's content to disk (fsync).</summary>
    public static void Flush(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Flushes a folder's entries (names created or renamed in it) to disk on Unix, where a rename is durable only
    /// once its folder is synced; Windows has no folder handle to sync, and NTFS journals the rename itself.
    /// </summary>
    public static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows()) return;
        // O_RDONLY (0) opens a folder on Linux and macOS alike; fsync on it flushes its entries.
        var handle = Open(directory, 0);
        if (handle < 0) return; // best effort: the data itself is already flushed
        try { _ = Fsync(handle); }
        finally { _ = Close(handle); }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "open", SetLastError = true)]
    static extern int Open([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPStr)] string path, int flags);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    static extern int Fsync(int fd);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "close", SetLastError = true)]
    static extern int Close(int fd);
}
