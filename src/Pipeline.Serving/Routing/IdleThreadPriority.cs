using System.Runtime.InteropServices;

namespace Pipeline.Serving.Routing;

/// <summary>
/// Lowers the calling thread to the lowest CPU priority (Linux nice 19), so work that may wait (the shadows) runs on
/// cores the requests leave idle instead of taking turns with them. .NET's <see cref="Thread.Priority"/> does nothing
/// on Linux; <c>setpriority(PRIO_PROCESS, 0, …)</c> sets the calling thread's nice value there (the kernel keeps it per
/// thread). Lowering needs no privilege. Elsewhere it does nothing.
/// </summary>
internal static class IdleThreadPriority
{
    private const int PrioProcess = 0;
    private const int LowestNice = 19;

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    /// <summary>Lowers the calling thread's priority; returns false when the platform or the call refused.</summary>
    public static bool Apply()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return SetPriority(PrioProcess, 0, LowestNice) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
